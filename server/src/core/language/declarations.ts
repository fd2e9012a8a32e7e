/**
 * Declarations that can be traced (SPEC 1), from each language's tags.scm, with the facts the
 * safety-class policy needs: kind, whether it is exported/public (class B), and its nesting.
 */
import type { FlatTree, SyntaxNode as Node } from '../syntax/flatTree';
import type { SyntaxQuery } from '../syntax/query';
import type { Position, Range } from '../types';
import type { LanguageId } from './languages';

export type DeclarationKind = 'function' | 'method' | 'constructor' | 'class' | 'struct' | 'interface' | 'enum';

export interface Declaration {
  name: string;
  kind: DeclarationKind;
  range: Range;
  nameRange: Range;
  /** Where the declaration begins once export keywords, decorators, attributes and templates are counted. */
  anchor: Position;
  exported: boolean;
  /** Index of the innermost enclosing declaration. */
  parent?: number;
}

export function nodeRange(n: Node): Range {
  return {
    start: { line: n.startPosition.row, character: n.startPosition.column },
    end: { line: n.endPosition.row, character: n.endPosition.column },
  };
}

/** Nodes that wrap a declaration and start before it. */
const WRAPPERS = new Set(['export_statement', 'decorated_definition', 'template_declaration', 'ambient_declaration']);
/** Sibling nodes that belong to the following declaration. */
const ATTRIBUTES = new Set(['attribute_item', 'decorator', 'attribute_list', 'annotation', 'marker_annotation', 'attribute']);

function anchorOf(node: Node): Node {
  let n = node;
  while (n.parent && WRAPPERS.has(n.parent.type)) n = n.parent;
  let prev = n.previousNamedSibling;
  let first = n;
  while (prev && ATTRIBUTES.has(prev.type)) {
    first = prev;
    prev = prev.previousNamedSibling;
  }
  return first;
}

function kindOf(capture: string, node: Node, lang: LanguageId): DeclarationKind {
  const k = capture.slice('definition.'.length) as DeclarationKind;
  if ((lang === 'kotlin' || lang === 'swift') && node.type === 'class_declaration') {
    for (const c of node.children) {
      if (c.isNamed) continue;
      if (c.type === 'interface') return 'interface';
      if (c.type === 'enum') return 'enum';
      if (c.type === 'struct') return 'struct';
      if (c.type === 'class' || c.type === 'extension' || c.type === 'actor') break;
    }
    if (lang === 'kotlin' && node.namedChildren.some((c) => c.type === 'enum_class_body')) return 'enum';
  }
  if (k === 'function' && isInsideClassBody(node)) return 'method';
  return k;
}

const CLASS_BODIES = new Set(['class_body', 'field_declaration_list', 'declaration_list', 'enum_class_body', 'protocol_body', 'object_declaration', 'block', 'interface_body']);
/** Bodies of these are namespaces or modules, not types: what they hold are functions, not methods. */
const NOT_TYPES = new Set(['namespace_definition', 'mod_item', 'linkage_specification', 'function_definition', 'function_item', 'module', 'translation_unit', 'source_file']);

function isInsideClassBody(node: Node): boolean {
  let p = node.parent;
  while (p && (p.type === 'template_declaration' || p.type === 'decorated_definition')) p = p.parent;
  if (!p || !CLASS_BODIES.has(p.type)) return false;
  const owner = p.parent;
  if (!owner || NOT_TYPES.has(owner.type)) return false;
  // A Python `block` is a class body only under a class_definition.
  return p.type !== 'block' || owner.type === 'class_definition';
}

function modifierTexts(node: Node): string[] {
  const out: string[] = [];
  for (const c of node.children) {
    if (c.type === 'modifiers' || c.type === 'modifier' || c.type === 'visibility_modifier' || c.type === 'accessibility_modifier' || c.type === 'storage_class_specifier') {
      out.push(...c.text.split(/\s+/));
    }
  }
  return out;
}

/** Own visibility of a declaration, by language convention (IEC 62304 class B: "exported/public"). */
function ownVisibility(node: Node, name: string, kind: DeclarationKind, lang: LanguageId, path: string): boolean {
  const mods = modifierTexts(node);
  switch (lang) {
    case 'c':
    case 'cpp': {
      if (mods.includes('static') && !isInsideClassBody(node)) return false;
      if (isInsideClassBody(node)) return cppMemberIsPublic(node);
      if (kind === 'struct' || kind === 'enum' || kind === 'class') return /\.(h|hh|hpp|hxx)$/i.test(path) || lang === 'cpp';
      return !isInAnonymousNamespace(node);
    }
    case 'java':
      if (mods.includes('public')) return true;
      // Interface members are implicitly public.
      return !mods.includes('private') && isInsideInterface(node);
    case 'csharp':
      if (mods.includes('public')) return true;
      return !mods.includes('private') && isInsideInterface(node);
    case 'kotlin':
      return !mods.some((m) => m === 'private' || m === 'internal' || m === 'protected');
    case 'swift':
      return mods.some((m) => m.startsWith('public') || m.startsWith('open'));
    case 'go':
      return /^[A-Z]/.test(name);
    case 'rust':
      return node.namedChildren.some((c) => c.type === 'visibility_modifier') || isInsideTraitOrTraitImpl(node);
    case 'python':
      return !name.startsWith('_') || (name.startsWith('__') && name.endsWith('__'));
    case 'javascript':
    case 'typescript':
    case 'tsx': {
      if (kind === 'method' || kind === 'constructor') {
        return !name.startsWith('#') && !mods.some((m) => m === 'private' || m === 'protected');
      }
      let n: Node | null = node;
      while (n) {
        if (n.type === 'export_statement') return true;
        if (!WRAPPERS.has(n.type) && n !== node) break;
        n = n.parent;
      }
      return false;
    }
  }
}

function isInsideInterface(node: Node): boolean {
  const body = node.parent;
  return !!body && (body.type === 'interface_body' || body.type === 'declaration_list') && body.parent?.type === 'interface_declaration';
}

function isInsideTraitOrTraitImpl(node: Node): boolean {
  const owner = node.parent?.parent;
  if (!owner) return false;
  if (owner.type === 'trait_item') return true;
  return owner.type === 'impl_item' && owner.childForFieldName('trait') !== null;
}

function isInAnonymousNamespace(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'namespace_definition' && !n.childForFieldName('name')) return true;
  }
  return false;
}

/** C++ members: the last access specifier before the member decides; class defaults to private, struct to public. */
function cppMemberIsPublic(node: Node): boolean {
  let member: Node = node;
  if (member.parent?.type === 'template_declaration') member = member.parent;
  const list = member.parent;
  if (!list) return false;
  let access = list.parent?.type === 'class_specifier' ? 'private' : 'public';
  for (const c of list.namedChildren) {
    if (c.id === member.id) break;
    if (c.type === 'access_specifier') access = c.text.trim();
  }
  return access === 'public';
}

export function extractDeclarations(tree: FlatTree, tags: SyntaxQuery, lang: LanguageId, path: string): Declaration[] {
  const found: { node: Node; nameNode?: Node; capture: string }[] = [];
  for (const m of tags.matches(tree.rootNode)) {
    const def = m.captures.find((c) => c.name.startsWith('definition.'));
    if (!def) continue;
    const name = m.captures.find((c) => c.name === 'name');
    found.push({ node: def.node, nameNode: name?.node, capture: def.name });
  }
  // Document order, outer before inner; one entry per node.
  found.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  const seen = new Set<number>();
  const decls: Declaration[] = [];
  const nodes: Node[] = [];
  const stack: number[] = [];
  for (const f of found) {
    if (seen.has(f.node.id)) continue;
    seen.add(f.node.id);
    const kind = kindOf(f.capture, f.node, lang);
    const nameNode = f.nameNode ?? f.node.firstNamedChild ?? f.node;
    const name = f.nameNode ? f.nameNode.text : kind === 'constructor' ? 'constructor' : nameNode.text.slice(0, 40);
    while (stack.length && nodes[stack[stack.length - 1]].endIndex < f.node.endIndex) stack.pop();
    while (stack.length && !(nodes[stack[stack.length - 1]].startIndex <= f.node.startIndex && f.node.endIndex <= nodes[stack[stack.length - 1]].endIndex)) stack.pop();
    const parent = stack.length ? stack[stack.length - 1] : undefined;
    const anchorNode = anchorOf(f.node);
    const own = ownVisibility(f.node, name, kind, lang, path);
    decls.push({
      name,
      kind,
      range: nodeRange(f.node),
      nameRange: f.nameNode ? nodeRange(f.nameNode) : nodeRange(f.node),
      anchor: { line: anchorNode.startPosition.row, character: anchorNode.startPosition.column },
      exported: own && (parent === undefined || decls[parent].exported || lang === 'go' || lang === 'c'),
      parent,
    });
    nodes.push(f.node);
    stack.push(decls.length - 1);
  }
  return decls;
}
