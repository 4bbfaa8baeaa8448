/**
 * DevTools page: runs once per DevTools window and only creates the panel. Kept apart from the panel
 * so that opening DevTools costs nothing until the user opens "Background Sync".
 */
export const PANEL_TITLE = 'Background Sync';

chrome.devtools.panels.create(PANEL_TITLE, 'icons/icon-32.png', 'panel.html');
