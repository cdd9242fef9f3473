/** One colour per unit, the same in every view and in the report's figures (app/figures/svg.ts UNIT_COLORS). */
export const UNIT_COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

export const unitColor = (u: number): string => UNIT_COLORS[u % UNIT_COLORS.length];
