export { createClient } from './client.js';
export { uuidv7 } from './uuidv7.js';
export { VERSION } from './version.js';
export type {
  BaseEvent,
  Campaign,
  ConsentControls,
  ConsentState,
  EventContext,
  FootfallClient,
  FootfallEvent,
  FootfallOptions,
  IdentifyEvent,
  PageEvent,
  PageFacts,
  Properties,
  TrackEvent,
} from './types.js';
