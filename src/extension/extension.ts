/** Extension entry point: the only layer that imports `vscode`. */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('reaperscope.openPatch', () => undefined),
  );
}

export function deactivate(): void {}
