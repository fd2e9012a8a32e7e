/**
 * The latest coverage per workspace folder, as the server last sent it (medtrace/coverage).
 */
import * as vscode from 'vscode';
import type { CoverageParams } from '../../server/src/shared/protocol';

/** Folder URIs as the server and VS Code may spell them differently (percent-encoding): compare normalised. */
export function folderKey(uri: string | vscode.Uri): string {
  return (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri).toString();
}

export class CoverageStore implements vscode.Disposable {
  private readonly byFolder = new Map<string, CoverageParams>();
  private readonly emitter = new vscode.EventEmitter<CoverageParams | undefined>();
  /** Fires with the new coverage of one folder, or undefined when everything was cleared (server restart). */
  readonly onDidChange = this.emitter.event;

  update(p: CoverageParams): void {
    this.byFolder.set(folderKey(p.folderUri), p);
    this.emitter.fire(p);
  }

  clear(): void {
    this.byFolder.clear();
    this.emitter.fire(undefined);
  }

  get(folderUri: string | vscode.Uri): CoverageParams | undefined {
    return this.byFolder.get(folderKey(folderUri));
  }

  all(): CoverageParams[] {
    return [...this.byFolder.values()];
  }

  /** Coverage of the folder holding `uri`, else of the first folder that has any. */
  forResource(uri: vscode.Uri | undefined): { coverage: CoverageParams | undefined; folder: vscode.WorkspaceFolder | undefined } {
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    if (folder) {
      const c = this.get(folder.uri);
      if (c) return { coverage: c, folder };
    }
    for (const f of vscode.workspace.workspaceFolders ?? []) {
      const c = this.get(f.uri);
      if (c) return { coverage: c, folder: f };
    }
    return { coverage: undefined, folder };
  }

  get anyHasManifest(): boolean {
    return this.all().some((c) => c.hasManifest);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
