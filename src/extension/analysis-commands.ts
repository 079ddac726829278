/** Simulation, traces and the "Reaper activity" panel: commands and their wiring. */
import * as vscode from 'vscode';
import type { AnalysisStore } from './analysis-store';

export interface AnalysisApi {
  placeholder?: never;
}

export function registerAnalysis(_context: vscode.ExtensionContext, _analysis: AnalysisStore): AnalysisApi {
  return {};
}
