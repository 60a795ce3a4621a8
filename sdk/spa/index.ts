export { trackPageViews, type PageRecorder } from './track-page-views.js';
