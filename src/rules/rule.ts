/**
 * What a governance rule is: a stable id, a default level, a one-line description, the options
 * it reads from `rules:`, and a check of one node of a plan file. Rules are pure: they read the
 * file's plain data (checked defensively, since it may also have schema errors) and say where
 * a violation is as a path; the runner looks the position up only for what is reported.
 */
import type { PathSegment } from '../tracking-plan/source-file.js';

export type RuleLevel = 'error' | 'warning' | 'off';

/** A plain-data mapping of the YAML. */
export type Record_ = Readonly<Record<string, unknown>>;

/**
 * The nodes rules look at:
 * - `event`: an event;
 * - `property`: an event's property written out in full;
 * - `definition`: a shared property definition (top-level `properties:`);
 * - `use`: an event's `- use: <title>` entry, with the definition it takes when known.
 */
export type NodeKind = 'event' | 'property' | 'definition' | 'use';

export interface RuleNode {
  readonly kind: NodeKind;
  /** Where the node is in its file's data, e.g. ['categories', 0, 'events', 2]. */
  readonly path: readonly PathSegment[];
  readonly data: Record_;
  /** For `use`: the shared definition it takes; undefined when there is none by that title. */
  readonly definition?: Record_;
}

/** A violation, before it is located: the path it points at (its key or its value). */
export interface Finding {
  readonly path: readonly PathSegment[];
  readonly part?: 'key' | 'value';
  readonly message: string;
  readonly hint?: string;
}

export interface RuleContext {
  /** Names the node at `path` the way messages do: `property "currency" of event "Order Completed"`. */
  describe(path: readonly PathSegment[]): string;
  /** Whether a shared property definition has this title (for hints that suggest `use:`). */
  isDefined(title: string): boolean;
}

export interface Rule<Options = unknown> {
  /** Stable: used in `rules:`, in suppression comments and in the output (`[rule-id]`). */
  readonly id: string;
  /** The level when `rules:` lists the rule without one. */
  readonly defaultLevel: 'error' | 'warning';
  /** One line, the same as the rule's description in the JSON Schema (a test checks). */
  readonly description: string;
  /** The rule's options in words, for the table in docs/plan-language.md. */
  readonly optionsText: string;
  /** The node kinds the rule looks at. */
  readonly kinds: readonly NodeKind[];
  /**
   * The options from the rule's entry in `rules:`. `undefined` when they are unusable (the schema
   * check reports why, or `problems` does), which turns the rule off.
   */
  options(entry: Record_): Options | undefined;
  /** Problems in the options that the schema cannot see (an invalid regular expression), as findings under `rules:`. */
  problems?(entry: Record_, path: readonly PathSegment[]): readonly Finding[];
  /** The node's violations; `NONE` when it passes. Build messages only for a violation: this runs for every node. */
  check(node: RuleNode, options: Options, context: RuleContext): readonly Finding[];
}

/** A rule of any options, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule's options are its own; the runner pairs them
export type AnyRule = Rule<any>;

/** What a check returns when the node passes (nearly always): one shared empty list, nothing allocated. */
export const NONE: readonly Finding[] = Object.freeze([]);

export const isRecord = (value: unknown): value is Record_ => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The node's title: a property taken from a shared definition is titled by the definition it uses. */
export function titleOf(node: RuleNode): string | undefined {
  const title = node.kind === 'use' ? node.data['use'] : node.data['title'];
  return typeof title === 'string' ? title : undefined;
}
