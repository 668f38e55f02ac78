// legislint for VS Code: starts `legislint lsp` and connects it to plain text, Markdown and
// `legislation` documents. All linting happens in the server; this file only wires settings,
// file patterns and the "suppress with reason" prompt.

import * as vscode from "vscode";
import {
  DocumentSelector,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

const SECTION = "legislint";
const SUPPRESS_COMMAND = "legislint.suppress";
/** Settings the extension keeps for itself (how to start the server, tracing). */
const CLIENT_ONLY = new Set(["server", "trace"]);

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

/** The `legislint.*` settings the server understands (every contributed setting except the
 * client's own), as a plain object. */
function serverSettings(context: vscode.ExtensionContext): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const contributed = Object.keys(
    context.extension.packageJSON?.contributes?.configuration?.properties ?? {},
  );
  const out: Record<string, unknown> = {};
  for (const fullName of contributed) {
    const name = fullName.slice(SECTION.length + 1);
    if (!CLIENT_ONLY.has(name.split(".")[0])) {
      out[name] = config.get(name);
    }
  }
  return out;
}

function serverOptions(): ServerOptions {
  const command = vscode.workspace
    .getConfiguration(SECTION)
    .get<string[]>("server.command", ["legislint", "lsp"]);
  const [program, ...args] = command.length > 0 ? command : ["legislint", "lsp"];
  // No `transport`: the server speaks LSP on stdio and gets no extra `--stdio` argument.
  return { command: program, args };
}

function documentSelector(): DocumentSelector {
  const config = vscode.workspace.getConfiguration(SECTION);
  const languages = config.get<string[]>("languages", ["plaintext", "markdown", "legislation"]);
  const patterns = config.get<string[]>("filePatterns", []);
  const selector: DocumentSelector = [];
  for (const language of new Set([...languages, "legislation"])) {
    selector.push({ scheme: "file", language }, { scheme: "untitled", language });
  }
  for (const pattern of patterns) {
    selector.push({ scheme: "file", pattern: `**/${pattern.replace(/^\*\*\//, "")}` });
  }
  return selector;
}

/** Open files matching `legislint.filePatterns` in the `legislation` language. */
async function adoptLegislation(document: vscode.TextDocument): Promise<void> {
  if (document.languageId === "legislation" || document.uri.scheme !== "file") {
    return;
  }
  const patterns = vscode.workspace.getConfiguration(SECTION).get<string[]>("filePatterns", []);
  for (const pattern of patterns) {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const glob = folder ? new vscode.RelativePattern(folder, pattern) : pattern;
    if (vscode.languages.match({ pattern: glob }, document) > 0) {
      await vscode.languages.setTextDocumentLanguage(document, "legislation");
      return;
    }
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  output ??= vscode.window.createOutputChannel("legislint", { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    initializationOptions: serverSettings(context),
    synchronize: {
      configurationSection: SECTION,
      fileEvents: vscode.workspace.createFileSystemWatcher("**/.legislint.{yaml,yml}"),
    },
    middleware: {
      // "Suppress for this provision (with reason)": ask for the reviewer's reason here, where a
      // free-text box exists; the server writes it into .legislint.yaml.
      executeCommand: async (command, args, next) => {
        if (command === SUPPRESS_COMMAND && args.length > 0 && !args[0].reason) {
          const target = args[0] as { provision: string; code?: string; rule: string };
          const reason = await vscode.window.showInputBox({
            title: `Suppress ${target.code ?? target.rule} for ${target.provision}`,
            prompt: "Why is this acceptable? (recorded in .legislint.yaml)",
            placeHolder: "e.g. Warrants are issued under the Criminal Procedure Code, s.12",
            ignoreFocusOut: true,
            validateInput: (value) => (value.trim() ? undefined : "A suppression needs a reason"),
          });
          if (reason === undefined) {
            return undefined;
          }
          args = [{ ...args[0], reason }];
        }
        return next(command, args);
      },
    },
  };
  client = new LanguageClient(SECTION, "legislint", serverOptions(), clientOptions);
  await client.start();
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await startClient(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("legislint.restartServer", () => restart(context)),
    vscode.commands.registerCommand("legislint.showOutput", () => output?.show()),
    vscode.workspace.onDidOpenTextDocument(adoptLegislation),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The selector and the server command are fixed when the client starts.
      if (
        event.affectsConfiguration(`${SECTION}.server`) ||
        event.affectsConfiguration(`${SECTION}.languages`) ||
        event.affectsConfiguration(`${SECTION}.filePatterns`)
      ) {
        await restart(context);
      }
    }),
    { dispose: () => void client?.stop() },
  );
  await Promise.all(vscode.workspace.textDocuments.map(adoptLegislation));
  try {
    await startClient(context);
  } catch (error) {
    void vscode.window.showErrorMessage(
      `legislint: cannot start the language server (${String(error)}). ` +
        "Install it with `pip install legislint` or set `legislint.server.command`.",
    );
  }
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}
