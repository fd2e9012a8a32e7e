/**
 * Standard LSP features: each handler finds the folder and path of the document, waits for that document's
 * pending edits to be analysed, calls the core feature and returns its answer. Failures never escape: a
 * FeatureError (rename refused, …) becomes an error response with its message for the user; anything else is
 * logged to the console and answered with an error naming the request.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Location } from 'vscode-languageserver';
import { codeActions } from '../../core/features/codeActions';
import { CLIENT_COMMANDS, codeLenses } from '../../core/features/codeLens';
import { FeatureError } from '../../core/features/common';
import { completion, resolveCompletion } from '../../core/features/completion';
import { definition } from '../../core/features/definition';
import { documentLinks } from '../../core/features/documentLinks';
import { hover } from '../../core/features/hover';
import { inlayHints } from '../../core/features/inlayHints';
import { references } from '../../core/features/references';
import { prepareRename, rename } from '../../core/features/rename';
import { semanticTokens } from '../../core/features/semanticTokens';
import { manifestDocumentSymbols, workspaceSymbols } from '../../core/features/symbols';
import type { Folder } from '../folder';
import type { MedTraceServer } from '../server';

type Handler<P, R> = (params: P, token: CancellationToken) => Promise<R | ResponseError<void>>;

export function registerFeatureHandlers(server: MedTraceServer): void {
  const c = server.connection;

  /** Wraps a request handler: errors become responses, never crashes. */
  const req =
    <P, R>(name: string, fn: (p: P, token: CancellationToken) => Promise<R>): Handler<P, R> =>
    async (p, token) => {
      try {
        return await fn(p, token);
      } catch (e) {
        if (e instanceof FeatureError) return new ResponseError(LSPErrorCodes.RequestFailed, e.message);
        c.console.error(`MedTrace: ${name} failed: ${(e as Error).stack ?? String(e)}`);
        return new ResponseError(ErrorCodes.InternalError, `MedTrace could not answer ${name}: ${(e as Error).message}`);
      }
    };

  /** The folder and path of a document, once its pending edits are analysed. */
  const doc = async (uri: string): Promise<{ folder: Folder; path: string } | undefined> => {
    const at = server.locate(uri);
    if (!at) return undefined;
    await at.folder.session.ensureFresh(at.path);
    return at;
  };
  /** The same, once the whole workspace result is current (requests that read other files' facts). */
  const current = async (uri: string): Promise<{ folder: Folder; path: string } | undefined> => {
    const at = server.locate(uri);
    if (!at) return undefined;
    await at.folder.session.ensureCurrent();
    return at;
  };

  c.onHover(
    req('hover', async (p) => {
      const at = await doc(p.textDocument.uri);
      return at ? hover(at.folder.ctx, at.path, p.position) : null;
    }),
  );

  c.onDefinition(
    req('definition', async (p) => {
      const at = await doc(p.textDocument.uri);
      if (!at) return null;
      const links = definition(at.folder.ctx, at.path, p.position);
      if (server.capabilities.textDocument?.definition?.linkSupport) return links;
      return links.map((l): Location => ({ uri: l.targetUri, range: l.targetSelectionRange }));
    }),
  );

  c.onReferences(
    req('references', async (p) => {
      const at = await current(p.textDocument.uri);
      return at ? references(at.folder.ctx, at.path, p.position, p.context.includeDeclaration) : null;
    }),
  );

  c.onPrepareRename(
    req('prepareRename', async (p) => {
      const at = await current(p.textDocument.uri);
      return at ? prepareRename(at.folder.ctx, at.path, p.position) : null;
    }),
  );

  c.onRenameRequest(
    req('rename', async (p) => {
      const at = await current(p.textDocument.uri);
      if (!at) throw new FeatureError('This file is outside the workspace folders MedTrace analyses.');
      return rename(at.folder.ctx, at.path, p.position, p.newName);
    }),
  );

  c.onDocumentLinks(
    req('documentLink', async (p) => {
      const at = await doc(p.textDocument.uri);
      return at ? documentLinks(at.folder.ctx, at.path) : null;
    }),
  );

  c.onDocumentSymbol(
    req('documentSymbol', async (p) => {
      const at = await doc(p.textDocument.uri);
      return at ? manifestDocumentSymbols(at.folder.ctx, at.path) : null;
    }),
  );

  c.onWorkspaceSymbol(
    req('workspaceSymbol', async (p) => {
      const out = [];
      for (const f of server.folders.values()) out.push(...workspaceSymbols(f.ctx, p.query));
      return out;
    }),
  );

  c.onCodeLens(
    req('codeLens', async (p) => {
      const at = await doc(p.textDocument.uri);
      if (!at) return null;
      if (!(await server.settingsFor(p.textDocument.uri)).codeLens.enable) return [];
      return codeLenses(at.folder.ctx, at.path);
    }),
  );

  c.languages.inlayHint.on(
    req('inlayHint', async (p) => {
      const at = await doc(p.textDocument.uri);
      if (!at) return null;
      if (!(await server.settingsFor(p.textDocument.uri)).inlayHints.enable) return [];
      return inlayHints(at.folder.ctx, at.path, p.range);
    }),
  );

  c.onCompletion(
    req('completion', async (p) => {
      const at = await doc(p.textDocument.uri);
      if (!at) return null;
      return completion(at.folder.ctx, at.path, p.position, { snippets: server.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true });
    }),
  );

  c.onCompletionResolve(
    req('completionItem/resolve', async (item) => {
      const id = (item.data as { medtraceId?: unknown } | undefined)?.medtraceId;
      // The item does not say its folder: the first folder whose manifest declares the id answers.
      for (const f of server.folders.values()) {
        const resolved = resolveCompletion(f.ctx, item);
        if (resolved !== item || typeof id !== 'string') return resolved;
      }
      return item;
    }),
  );

  c.onCodeAction(
    req('codeAction', async (p) => {
      const at = await doc(p.textDocument.uri);
      if (!at) return null;
      const ws = server.capabilities.workspace?.workspaceEdit;
      const snippets = ws?.snippetEditSupport === true && ws.documentChanges === true;
      return codeActions(at.folder.ctx, at.path, p.range, p.context.diagnostics, { snippets, only: p.context.only });
    }),
  );

  c.languages.semanticTokens.on(
    req('semanticTokens', async (p) => {
      const at = await doc(p.textDocument.uri);
      return at ? semanticTokens(at.folder.ctx, at.path) : { data: [] };
    }),
  );

  // Only advertised to clients that do not register these commands themselves (see MedTraceServer.serverCommands).
  c.onExecuteCommand(
    req('executeCommand', async (p) => {
      const args = p.arguments ?? [];
      if (p.command === CLIENT_COMMANDS.openLocation && typeof args[0] === 'string') {
        const pos = { line: Number(args[1]) || 0, character: Number(args[2]) || 0 };
        await c.window.showDocument({ uri: args[0], selection: { start: pos, end: pos }, takeFocus: true });
      } else if (p.command === CLIENT_COMMANDS.showReferences) {
        const locs = (args[2] ?? []) as Location[];
        if (locs.length) await c.window.showDocument({ uri: locs[0].uri, selection: locs[0].range, takeFocus: true });
        else c.window.showInformationMessage('MedTrace: nothing implements or verifies this yet.');
      }
      return null;
    }),
  );
}
