export { events } from './events';
export type { EventRow, NewEventRow } from './events';
export { quarantine } from './quarantine';
export type { NewQuarantineRow, QuarantineRow } from './quarantine';
