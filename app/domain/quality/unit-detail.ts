// A unit as the dialogue page shows it to managers: its ratings and comments, adjudicated score and gold reference.
export type UnitDetail = {
  unit_id: number;
  response_id: number;
  metric: string;
  min: number;
  max: number;
  gold: { score: number; tolerance: number | null } | null;
  adjudicated: number | null;
  ratings: { annotator: string; score: number; comment: string | null; late: boolean }[];
};
