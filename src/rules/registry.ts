/**
 * Every governance rule, in the order docs/plan-language.md lists them. Ids are stable: they appear in
 * plans (`rules:`), in suppression comments and in CI output. The table of rules in docs/plan-language.md is
 * generated from this list (rules-table.ts) and a test fails when the two drift.
 */
import { bannedTitles } from './banned-titles.js';
import { descriptionRequired } from './description-required.js';
import { enumValueStyle } from './enum-value-style.js';
import { eventTitleStyle } from './event-title-style.js';
import { piiRequiresOwner } from './pii-requires-owner.js';
import { propertyTitleStyle } from './property-title-style.js';
import { requiredProperties } from './required-properties.js';
import type { AnyRule } from './rule.js';
import { titleMaxLength } from './title-max-length.js';
import { titlePattern } from './title-pattern.js';

export const RULES: readonly AnyRule[] = [
  eventTitleStyle,
  propertyTitleStyle,
  enumValueStyle,
  descriptionRequired,
  piiRequiresOwner,
  requiredProperties,
  titlePattern,
  bannedTitles,
  titleMaxLength,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.id);

export function findRule(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.id === id);
}
