/** The "Reaperscope" output channel: what went wrong where the user would not otherwise see it. */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | null = null;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Reaperscope', { log: true });
  return channel;
}
