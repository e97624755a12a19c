/** The Mesos version this master reports (tools gate features on it). */
export const MESOS_VERSION = '1.11.0';
