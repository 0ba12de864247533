export const PASSWORD_HINT =
  'At least 10 characters. Three or four random words you can remember work well. Do not use your user name.';
