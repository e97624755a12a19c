/**
 * Wire shapes of Mesos' `Resource` and `Attribute` messages in their JSON mapping (snake_case keys,
 * enum names as strings). They are the protocol layer's types; the `*Wire` names stay as aliases
 * because code across the project imports them from here.
 */
import type { Attribute, DiskInfo, Label, Labels, Resource, ReservationInfo, ValueRange, ValueType } from '../../protocol/v1/index.ts';

export type { ValueType };
export type ResourceWire = Resource;
export type AttributeWire = Attribute;
export type ReservationInfoWire = ReservationInfo;
export type RangeWire = ValueRange;
export type DiskInfoWire = DiskInfo;
export type LabelWire = Label;
export type LabelsWire = Labels;
