/** The webview app shown in the "Reaper activity" panel. */
export {};
