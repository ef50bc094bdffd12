// The sidebar's HTML shell: a strict CSP (nothing by default; scripts, and the one probe style the
// toolkit adds, only by a per-render nonce; nothing inline without it; no remote loads) and our
// bundles.
import * as vscode from 'vscode';
import { createNonce } from './nonce.ts';

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    // The toolkit (FAST) probes :focus-visible support with a <style> element carrying the nonce
    // from <meta property="csp-nonce">; its own styles use adopted stylesheets.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderSidebarHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = createNonce();
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'sidebar.css'));
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(webview.cspSource, nonce)}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${scriptSafe(styleUri.toString())}">
<title>SeedSmith</title>
</head>
<body>
<div id="app" aria-live="polite"></div>
<script nonce="${nonce}" src="${scriptSafe(scriptUri.toString())}"></script>
</body>
</html>`;
}

/** Webview URIs are built by VS Code, but escape them anyway: this string is HTML. */
function scriptSafe(uri: string): string {
  return uri.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
