// The script-tag file exactly as dist/footfall.js is built: the IIFE entry.
import '../../sdk/script-tag';
