/**
 * Entry of the script-tag bundle (`dist/footfall.js`, an IIFE). Unlike every
 * other module it acts on load: running is the whole point of a script tag.
 * `document.currentScript` must be read now; it is null once this task ends.
 */
import { installScriptTag, type ScriptTagHost } from './script-tag-install.js';

installScriptTag(window as unknown as ScriptTagHost, document.currentScript as HTMLScriptElement | null);
