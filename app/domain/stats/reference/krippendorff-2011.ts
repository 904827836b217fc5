// Krippendorff (2011), "Computing Krippendorff's alpha-reliability": the reliability data matrix of
// 4 observers × 12 units with missing values (null), and the α values published for it.
const _ = null;
const observers = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _], // A
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3], // B
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _], // C
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _], // D
];

/** The values of each of the 12 units (unit 12 has a single value and is not pairable). */
export const publishedUnits: number[][] = observers[0].map((__, unit) =>
  observers.map((row) => row[unit]).filter((v): v is number => v !== null),
);

export const publishedAlpha = { nominal: 0.743, ordinal: 0.815, interval: 0.849, ratio: 0.797 };
