/**
 * The Switchboard icon, drawn in code so the tray needs no image file: an indigo rounded square with
 * three switch sliders, and an amber badge when something waits for the user. Also used by
 * build/scripts/make-icons.mjs to write build/icons/icon.png.
 */

type Rgba = readonly [number, number, number, number];
type Shape = (x: number, y: number) => Rgba | null;

const INDIGO: Rgba = [79, 70, 229, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [245, 158, 11, 255];
const DARK: Rgba = [17, 24, 39, 255];

const roundedRect = (x0: number, y0: number, x1: number, y1: number, r: number, c: Rgba): Shape => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return null;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r ? c : null;
};
const circle = (cx: number, cy: number, r: number, c: Rgba): Shape => (x, y) => ((x - cx) ** 2 + (y - cy) ** 2 <= r * r ? c : null);

/** Shapes in a unit square (0..1), painted in order. */
function shapes(attention: boolean): Shape[] {
  const list: Shape[] = [roundedRect(0.04, 0.04, 0.96, 0.96, 0.2, INDIGO)];
  const knobs = [0.68, 0.34, 0.58];
  knobs.forEach((kx, i) => {
    const y = 0.28 + i * 0.22;
    list.push(roundedRect(0.2, y - 0.035, 0.8, y + 0.035, 0.035, WHITE));
    list.push(circle(kx, y, 0.09, WHITE));
    list.push(circle(kx, y, 0.045, INDIGO));
  });
  if (attention) {
    list.push(circle(0.8, 0.2, 0.2, DARK));
    list.push(circle(0.8, 0.2, 0.16, AMBER));
  }
  return list;
}

/** An RGBA bitmap (row-major, 4 bytes a pixel) of the icon at size×size, 4×4 supersampled. */
export function drawIconRgba(size: number, opts: { attention?: boolean } = {}): Uint8Array {
  const layers = shapes(opts.attention ?? false);
  const out = new Uint8Array(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const x = (px + (sx + 0.5) / S) / size;
          const y = (py + (sy + 0.5) / S) / size;
          let c: Rgba | null = null;
          for (const shape of layers) c = shape(x, y) ?? c;
          if (c) {
            r += c[0]; g += c[1]; b += c[2]; a += c[3];
          }
        }
      }
      const n = S * S;
      const alpha = a / n;
      const i = (py * size + px) * 4;
      // Colour averaged over covered samples only, so edges do not darken.
      const covered = alpha > 0 ? a / 255 : 1;
      out[i] = Math.round(r / covered);
      out[i + 1] = Math.round(g / covered);
      out[i + 2] = Math.round(b / covered);
      out[i + 3] = Math.round(alpha);
    }
  }
  return out;
}

/** The same bitmap in BGRA with premultiplied alpha, as nativeImage.createFromBitmap expects. */
export function drawIconBgra(size: number, opts: { attention?: boolean } = {}): Buffer {
  const rgba = drawIconRgba(size, opts);
  const out = Buffer.alloc(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] / 255;
    out[i] = Math.round(rgba[i + 2] * a);
    out[i + 1] = Math.round(rgba[i + 1] * a);
    out[i + 2] = Math.round(rgba[i] * a);
    out[i + 3] = rgba[i + 3];
  }
  return out;
}
