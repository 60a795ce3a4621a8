export { createClient } from './client.js';
export { STUB_SNIPPET } from './stub-snippet.js';
export { uuidv7 } from './uuidv7.js';
export { VERSION } from './version.js';
export type {
  AliasEvent,
  BaseEvent,
  BeforeSend,
  Campaign,
  ClickIdName,
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
