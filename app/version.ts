/** The app version written into every dataset (a test keeps it equal to package.json's). */
export const APP_VERSION = '0.2.0';
/** The SpikeInterface release whose generation module this engine follows. */
export const SPIKEINTERFACE_REFERENCE = '0.105.0';
