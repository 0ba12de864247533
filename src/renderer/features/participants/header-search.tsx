/**
 * The search box at the top of every screen: finds participants as you type
 * (names, aliases, references, and case notes for those who may read them,
 * from the third letter: isShortSearch),
 * ignoring accents, case and apostrophes. Ctrl+K jumps to it; arrows and
 * Enter open a result. For roles with partner access it also finds partners,
 * in their own section labelled as partner records; for everyone else it never
 * asks for them, so it cannot show or hint at one.
 */
import { Combobox, Group, Kbd, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconLock, IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { isShortSearch } from '../../../shared/features/participants';
import { can } from '../../../shared/permissions';
import { useApiQuery } from '../../app/api';
import { useSession } from '../../app/auth-context';
import { FlagBadges, StatusBadge } from '../../components/participant-badges';
import { PARTNER_OPTION, PartnerSearchGroup, usePartnerSearch } from '../partners/partner-search-results';
import './header-search.css';
import { matchedOnLabels } from './participant-labels';

export function HeaderSearch() {
  const session = useSession();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value, 150);
  const q = debounced.trim();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const hits = useApiQuery(
    'participants.search',
    { q, limit: 12 },
    { enabled: q.length > 0, placeholderData: keepPreviousData, staleTime: 10_000 },
  );
  const results = q.length > 0 ? (hits.data ?? []) : [];
  const withNotes = can(session.role, 'notes.view');
  const withPartners = can(session.role, 'partners.view');
  // One or two letters search names, aliases and references; notes from the third letter (said below the results).
  const notesLater = withNotes && isShortSearch(q);
  const partners = usePartnerSearch(q, withPartners);

  useHotkeys(
    [
      [
        'mod+K',
        () => {
          inputRef.current?.focus();
          inputRef.current?.select();
          combobox.openDropdown();
        },
      ],
    ],
    [],
  );

  // New results: the first one that can be opened is ready for Enter.
  useEffect(() => {
    if (hits.data || partners.data) combobox.selectFirstOption();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the answer changes
  }, [hits.data, partners.data]);

  const open = (id: string) => {
    if (id.startsWith(PARTNER_OPTION)) {
      setValue('');
      combobox.closeDropdown();
      inputRef.current?.blur();
      void navigate(`/partners/${id.slice(PARTNER_OPTION.length)}`);
      return;
    }
    const hit = results.find((h) => h.id === id);
    if (!hit?.canOpen) return;
    setValue('');
    combobox.closeDropdown();
    inputRef.current?.blur();
    void navigate(`/participants/${id}`);
  };

  const searching = hits.isFetching || partners.fetching || debounced !== value;
  const nothing = results.length === 0 && partners.results.length === 0;

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={open}
      width={520}
      position="bottom-start"
      shadow="md"
      withinPortal
      classNames={{ option: 'participant-search-option' }}
    >
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          value={value}
          onChange={(e) => {
            setValue(e.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setValue('');
              inputRef.current?.blur();
            }
          }}
          placeholder={
            withPartners
              ? withNotes
                ? 'Find a participant or a partner: name, reference or note'
                : 'Find a participant or a partner: name or reference'
              : withNotes
                ? 'Find a participant: name, alias, reference or note'
                : 'Find a participant: name, alias or reference'
          }
          aria-label={withPartners ? 'Search participants and partners' : 'Search participants'}
          leftSection={<IconSearch size={18} aria-hidden />}
          rightSection={
            searching && q ? (
              <Loader size="xs" aria-label="Searching" />
            ) : (
              <Kbd size="xs" aria-hidden>
                Ctrl K
              </Kbd>
            )
          }
          rightSectionWidth={64}
          w="100%"
          maw={440}
          spellCheck={false}
          autoComplete="off"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={value.trim().length === 0}>
        <Combobox.Options
          aria-label={withPartners ? 'Participants and partners found' : 'Participants found'}
          mah={460}
          style={{ overflowY: 'auto' }}
        >
          {nothing ? (
            <Combobox.Empty>
              {searching
                ? 'Searching…'
                : `Nobody found for “${value.trim()}”. Try part of a name, or a reference such as P-2026-0042.${notesLater ? ' Case notes are searched from the third letter.' : ''}`}
            </Combobox.Empty>
          ) : (
            <>
              <ParticipantsGroup labelled={withPartners && results.length > 0}>
                {results.map((h) => (
                  <Combobox.Option
                    value={h.id}
                    key={h.id}
                    disabled={!h.canOpen}
                    aria-label={h.name ? `${h.name}, ${h.reference}` : `Restricted record, ${h.reference}`}
                  >
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Stack gap={2} style={{ minWidth: 0 }}>
                        <Group gap={6} wrap="nowrap">
                          {h.name ? (
                            <Text fw={600} size="sm" truncate="end">
                              {h.name}
                            </Text>
                          ) : (
                            <Group gap={4} wrap="nowrap" c="dimmed">
                              <IconLock size={14} aria-hidden />
                              <Text size="sm" fs="italic">
                                Restricted record
                              </Text>
                            </Group>
                          )}
                          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                            {h.reference}
                          </Text>
                        </Group>
                        <Text size="xs" c="dimmed">
                          {h.canOpen
                            ? `Found by ${matchedOnLabels[h.matchedOn]}`
                            : 'Only named staff can open it. Ask a manager.'}
                        </Text>
                        {h.canOpen && h.flags.length > 0 && <FlagBadges flags={h.flags} size="xs" />}
                      </Stack>
                      <StatusBadge status={h.status} size="sm" />
                    </Group>
                  </Combobox.Option>
                ))}
              </ParticipantsGroup>
              <PartnerSearchGroup results={partners.results} />
            </>
          )}
        </Combobox.Options>
        {!nothing && (
          <Combobox.Footer>
            <Text size="xs" c="dimmed">
              <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to choose, <Kbd size="xs">Enter</Kbd> to open
              {notesLater && '. Case notes are searched from the third letter.'}
            </Text>
          </Combobox.Footer>
        )}
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** For roles that also see partner records, the participants get their own heading too. */
function ParticipantsGroup({ labelled, children }: { labelled: boolean; children: ReactNode }) {
  return labelled ? <Combobox.Group label="Participants">{children}</Combobox.Group> : <>{children}</>;
}
