/**
 * Moves: an event that changes category is re-created by Secoda.
 * One table per check: (before YAML, after YAML, remote) → the verdict on every operation.
 */
import { describe } from 'vitest';
import { MOVE_CHECKS } from '../../src/compatibility/move-checks.js';
import { checkTable } from './compat-fixtures.js';

describe('move-checks', () => {
  checkTable(MOVE_CHECKS, {
    'event-moved': [
      {
        name: 'an event moves category: it and its properties are re-created, unchanged',
        before: `categories: [{ title: Legacy, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string }] }] }, { title: Marketing }]`,
        after: `categories: [{ title: Legacy }, { title: Marketing, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string }] }] }]`,
        expected: [
          'delete property Legacy/Promo Viewed/promo_id: safe (property-recreated safe)',
          'replace event Marketing/Promo Viewed: warning (event-moved warning)',
          'create property Marketing/Promo Viewed/promo_id: safe (property-recreated safe)',
        ],
      },
      {
        name: 'an event moves while its properties change: each change is classified as usual',
        before: `categories: [{ title: Legacy, events: [{ title: Promo Viewed, properties: [{ title: promo_id, type: string }, { title: old_prop }, { title: channel, type: enum, enum: [web, app] }] }] }, { title: Marketing }]`,
        after: `categories: [{ title: Legacy }, { title: Marketing, events: [{ title: Promo Viewed, description: Moved., properties: [{ title: promo_id, type: integer }, { title: channel, type: enum, enum: [web, app, tv] }, { title: new_prop }] }] }]`,
        expected: [
          'delete property Legacy/Promo Viewed/channel: safe (property-recreated safe)',
          'delete property Legacy/Promo Viewed/old_prop: breaking (property-removed breaking)',
          'delete property Legacy/Promo Viewed/promo_id: safe (property-recreated safe)',
          'replace event Marketing/Promo Viewed: warning (event-moved warning, metadata-changed safe)',
          'create property Marketing/Promo Viewed/promo_id: breaking (property-type-changed breaking)',
          'create property Marketing/Promo Viewed/channel: safe (enum-value-added safe)',
          'create property Marketing/Promo Viewed/new_prop: safe (property-added-optional safe)',
        ],
      },
    ],
  });
});
