import { describe, expect, it } from 'vitest';
import { isIdentifier, lowerCamelCase, wordsOf } from '../../src/codegen/identifiers.js';

describe('lowerCamelCase', () => {
  it.each([
    ['Order Completed', 'orderCompleted'],
    ['CTA Clicked', 'ctaClicked'],
    ['Product Added to Wishlist', 'productAddedToWishlist'],
    ['order_completed', 'orderCompleted'],
    ['order-completed', 'orderCompleted'],
    ['PayPal Connected', 'payPalConnected'],
    ['XMLHttp Request Sent', 'xmlHttpRequestSent'],
    ['iOS App Opened', 'iOsAppOpened'],
    ['Step 2 Completed', 'step2Completed'],
    ['3D Viewer Opened', 'event3dViewerOpened'],
    ['  Signed   In  ', 'signedIn'],
    ['Café Ordered', 'caféOrdered'],
    ['注文完了', '注文完了'],
    ['!!!', 'event'],
    ['delete', 'delete'],
  ])('%j → %s', (title, name) => {
    expect(lowerCamelCase(title)).toBe(name);
    expect(isIdentifier(name)).toBe(true);
  });

  it('splits words at separators and case humps', () => {
    expect(wordsOf('Sign-Up_FormSubmitted')).toEqual(['Sign', 'Up', 'Form', 'Submitted']);
  });
});
