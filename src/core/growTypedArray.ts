// Per-sample state kept in typed arrays grows as samples arrive: one way to grow them, doubling,
// so filling one at a time stays linear.
export type GrowableArray = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** A copy of `array` at least `size` long (at least twice as long), the new places set to `fill`. */
export function grownTypedArray<T extends GrowableArray>(array: T, size: number, fill = 0): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2));
  if (fill !== 0) bigger.fill(fill, array.length);
  (bigger as GrowableArray).set(array);
  return bigger;
}
