/**
 * Wire shapes of Mesos' `Resource` and `Attribute` messages in their JSON mapping (snake_case keys,
 * enum names as strings). Defined here structurally until `src/protocol/v1` exports `Resource`;
 * the two are meant to stay assignable to each other.
 */

export type ValueType = 'SCALAR' | 'RANGES' | 'SET' | 'TEXT';

export interface LabelWire {
  key: string;
  value?: string;
}

export interface LabelsWire {
  labels?: LabelWire[];
}

export interface ReservationInfoWire {
  type?: 'UNKNOWN' | 'STATIC' | 'DYNAMIC';
  role?: string;
  principal?: string;
  labels?: LabelsWire;
}

export interface RangeWire {
  begin: number;
  end: number;
}

export interface DiskInfoWire {
  persistence?: { id: string; principal?: string };
  volume?: { container_path: string; host_path?: string; mode: 'RW' | 'RO'; [key: string]: unknown };
  source?: {
    type?: 'UNKNOWN' | 'PATH' | 'MOUNT' | 'BLOCK' | 'RAW';
    path?: { root?: string };
    mount?: { root?: string };
    id?: string;
    metadata?: LabelsWire;
    profile?: string;
    vendor?: string;
  };
}

export interface ResourceWire {
  name: string;
  type: ValueType;
  scalar?: { value: number };
  ranges?: { range?: RangeWire[] };
  set?: { item?: string[] };
  role?: string;
  reservations?: ReservationInfoWire[];
  /** Pre-refinement reservation details; only meaningful together with a non-`*` `role`. */
  reservation?: ReservationInfoWire;
  disk?: DiskInfoWire;
  revocable?: Record<string, unknown>;
  shared?: Record<string, unknown>;
  allocation_info?: { role?: string };
  provider_id?: { value: string };
}

export interface AttributeWire {
  name: string;
  type: ValueType;
  scalar?: { value: number };
  ranges?: { range?: RangeWire[] };
  set?: { item?: string[] };
  text?: { value: string };
}
