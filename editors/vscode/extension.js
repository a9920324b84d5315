// Starts `argumap lsp` for Argdown files and JSON files; the server itself leaves alone any
// JSON file that is not an argument map.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = vscode.workspace.getConfiguration("argumap").get("path") || "argumap";
  client = new LanguageClient(
    "argumap",
    "argumap",
    { command, args: ["lsp"] },
    {
      documentSelector: [
        { scheme: "file", language: "argdown" },
        { scheme: "file", language: "json" },
      ],
    }
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
