export declare const CLICKHOUSE_INSTALL: string;
export interface ClickHouseBinary {
  command: string;
  args: string[];
}
export declare function findClickHouse(): ClickHouseBinary | undefined;
export declare function ensureClickHouse(options?: { log?: (line: string) => void }): ClickHouseBinary;
