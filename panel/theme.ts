/**
 * Follows DevTools' theme live. Outside DevTools (panel opened as a page) the OS preference decides,
 * through the CSS media query alone.
 */
export function followDevtoolsTheme(root: HTMLElement): void {
  const panels = globalThis.chrome?.devtools?.panels;
  if (!panels) return;
  const apply = (name: string) => (root.dataset.theme = name === 'dark' ? 'dark' : 'light');
  apply(panels.themeName);
  panels.setThemeChangeHandler?.((name: string) => apply(name));
}
