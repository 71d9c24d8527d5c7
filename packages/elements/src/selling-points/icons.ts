/**
 * The built-in icons of <vitrine-selling-points>, 24×24, drawn for this set; stroke, caps and
 * joins are set once in the element's styles. Loaded with `import()` after the first render of an
 * element that uses one: the icon boxes are sized, so the drawings appear in place.
 */
export const ICONS: Record<string, string> = {
  truck: 'M2 6h11v10H2zm11 4h4l4 4v2h-8M5 18a2 2 0 1 0 4 0 2 2 0 1 0-4 0m10 0a2 2 0 1 0 4 0 2 2 0 1 0-4 0',
  return: 'M4 4v5h5M4.6 9A8 8 0 1 1 4 13',
  leaf: 'M5 19C5 9 11 5 20 4c-1 9-5 15-15 15zm0 0 7-7',
  energy: 'M13 2 4 14h7l-1 8 9-12h-7z',
  quiet: 'M4 9h4l5-4v14l-5-4H4zm12 1a3 3 0 0 1 0 4',
  shield: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4',
  clock: 'M12 7v5l3 2M3 12a9 9 0 1 0 18 0 9 9 0 1 0-18 0',
};
