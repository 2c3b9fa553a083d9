/** The window sizes every layout test shoots (issue 18: 1440×900 and 1024×700). */
export const LAYOUT_SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** No sideways scrolling: what the element holds fits its width (a pixel of rounding allowed). */
export const fitsWidth = (el: unknown): boolean => {
  const e = el as { scrollWidth: number; clientWidth: number };
  return e.scrollWidth <= e.clientWidth + 1;
};
