/** Friendly names for the types generated from the JSON Schema. */
import type { Category, Event, Property, PropertyUse, TpsyncTrackingPlan } from './schema-types.generated.js';

export type TrackingPlanFile = TpsyncTrackingPlan;
export type CategoryFile = Category;
export type EventFile = Event;
export type PropertyFile = Property;
export type PropertyUseFile = PropertyUse;
export type PropertyType = NonNullable<Property['type']>;
