/** The public template database's address, apart from the client so the UI can show it without importing zarrita. */
export const DEFAULT_TEMPLATE_DATABASE_URL = 'https://spikeinterface-template-database.s3.us-east-2.amazonaws.com/';
