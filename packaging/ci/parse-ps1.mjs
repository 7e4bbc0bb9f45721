// Parses PowerShell scripts with tree-sitter-powershell (web-tree-sitter, WebAssembly: no
// PowerShell is needed on the CI machine). Prints "file:line:col: ..." for every ERROR or
// MISSING node and exits 1 if any file has one.
// Usage: node parse-ps1.mjs <node_modules dir> <file.ps1>...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...files] = process.argv.slice(2);
if (!modules || files.length === 0) {
  console.error('usage: node parse-ps1.mjs <node_modules dir> <file.ps1>...');
  process.exit(2);
}
const { Parser, Language } = await import(pathToFileURL(join(modules, 'web-tree-sitter', 'tree-sitter.js')).href);
await Parser.init();
const language = await Language.load(join(modules, 'tree-sitter-powershell', 'tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

let failed = false;
for (const file of files) {
  // PowerShell ignores a UTF-8 byte order mark; the grammar would not.
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const tree = parser.parse(text);
  if (!tree.rootNode.hasError) {
    console.log(`ok ${file}`);
    continue;
  }
  failed = true;
  const stack = [tree.rootNode];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node.isError || node.isMissing) {
      const where = `${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
      const what = node.isMissing ? `missing ${node.type}` : `syntax error near ${JSON.stringify(node.text.slice(0, 60))}`;
      console.log(`${where}: ${what}`);
    } else if (node.hasError) {
      for (let i = node.childCount - 1; i >= 0; i--) stack.push(node.child(i));
    }
  }
}
process.exit(failed ? 1 : 0);
