/**
 * A Kysely dialect over the SQLCipher driver seam. It reuses Kysely's SQLite
 * adapter, compiler and introspector; only the connection handling is ours.
 * There is one connection, so every query (and every transaction) waits its
 * turn on a mutex: nothing can land inside someone else's transaction.
 */
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { RawConnection } from './driver';
import { knownPartnerAttached, PARTNER_ATTACHED_QUESTION } from './partner-attached';

const READS_ROWS = /^\s*(select|with|pragma|values|explain)\b|\breturning\b/i;

class SqlCipherConnection implements DatabaseConnection {
  constructor(private readonly raw: RawConnection) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters, query } = compiled;
    if (sql === PARTNER_ATTACHED_QUESTION) {
      const known = knownPartnerAttached(this.raw);
      if (known !== undefined) return { rows: [{ n: known ? 1 : 0 } as R] };
    }
    if (SelectQueryNode.is(query) || READS_ROWS.test(sql)) {
      return { rows: await this.raw.all<R>(sql, parameters) };
    }
    const { changes, lastId } = await this.raw.run(sql, parameters);
    return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastId) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by the SQLCipher driver');
  }
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;

  async lock(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.release = release;
  }

  unlock(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}

class SqlCipherDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: SqlCipherConnection;

  constructor(private readonly raw: RawConnection) {
    this.connection = new SqlCipherConnection(raw);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    // IMMEDIATE takes the write lock at once, so a transaction never fails half-way on a busy lock.
    await conn.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    await this.raw.close();
  }
}

export class SqlCipherDialect implements Dialect {
  constructor(private readonly raw: RawConnection) {}
  createAdapter = () => new SqliteAdapter();
  createDriver = () => new SqlCipherDriver(this.raw);
  createQueryCompiler = () => new SqliteQueryCompiler();
  createIntrospector = (db: Kysely<unknown>) => new SqliteIntrospector(db);
}
