/** A Web Storage (localStorage / sessionStorage) in memory, for unit tests in Node; `items` shows what is stored. */
export class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  /** Every setItem call, in order, to count writes. */
  readonly writes: string[] = [];
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.writes.push(key);
    this.items.set(key, value);
  }
}
