// The Helm engine's public API: render a chart held in memory as `helm template` would.
export { renderChart, formatHelmTemplateOutput } from './render';
export type { ChartRender, HelmRenderOptions, RenderedManifest, RenderError, OutputSegment } from './render';
export type { ValueRef } from './values';
