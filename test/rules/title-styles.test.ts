import { describe, expect, it } from 'vitest';
import { isInStyle, splitWords, toStyle, type TitleStyle } from '../../src/rules/title-styles.js';

const table: [string, TitleStyle, boolean][] = [
  ['Order Completed', 'title-case', true],
  ['Product Added to Wishlist', 'title-case', true],
  ['CTA Clicked', 'title-case', true],
  ['Checkout Step 2 Viewed', 'title-case', true],
  ['Réservation Confirmée', 'title-case', true],
  ['To Do Added', 'title-case', true],
  ['to Do Added', 'title-case', false],
  ['order completed', 'title-case', false],
  ['Order completed', 'title-case', false],
  [' Order Completed', 'title-case', false],
  ['Order  Completed', 'title-case', false],
  ['Order_Completed', 'title-case', true],
  ['Order completed', 'sentence-case', true],
  ['Signed in with SSO', 'sentence-case', true],
  ['Order Completed', 'sentence-case', false],
  ['order completed', 'sentence-case', false],
  ['order_completed', 'snake_case', true],
  ['order_id_2', 'snake_case', true],
  ['order', 'snake_case', true],
  ['Order_completed', 'snake_case', false],
  ['order__completed', 'snake_case', false],
  ['_order', 'snake_case', false],
  ['order-completed', 'snake_case', false],
  ['orderCompleted', 'camelCase', true],
  ['userID', 'camelCase', true],
  ['order', 'camelCase', true],
  ['OrderCompleted', 'camelCase', false],
  ['order_completed', 'camelCase', false],
  ['order-completed', 'kebab-case', true],
  ['order-completed-2', 'kebab-case', true],
  ['order--completed', 'kebab-case', false],
  ['Order-Completed', 'kebab-case', false],
];

describe('naming styles', () => {
  it.each(table)('%j in %s: %s', (text, style, expected) => {
    expect(isInStyle(text, style)).toBe(expected);
  });

  it('splits words written in any style', () => {
    expect(splitWords('orderID')).toEqual(['order', 'ID']);
    expect(splitWords('HTMLParser loaded')).toEqual(['HTML', 'Parser', 'loaded']);
    expect(splitWords('order_completed-now')).toEqual(['order', 'completed', 'now']);
  });

  it.each([
    ['order completed', 'title-case', 'Order Completed'],
    ['product_added_to_wishlist', 'title-case', 'Product Added to Wishlist'],
    ['Order Completed', 'sentence-case', 'Order completed'],
    ['Order Completed', 'snake_case', 'order_completed'],
    ['orderID', 'snake_case', 'order_id'],
    ['order completed', 'camelCase', 'orderCompleted'],
    ['Order Completed', 'kebab-case', 'order-completed'],
  ] as [string, TitleStyle, string][])('writes %j in %s as %j, which is in that style', (text, style, expected) => {
    expect(toStyle(text, style)).toBe(expected);
    expect(isInStyle(toStyle(text, style), style)).toBe(true);
  });
});
