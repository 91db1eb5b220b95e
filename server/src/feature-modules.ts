/** The feature modules of the API, in one list so adding one is a one-line change. */
export const FEATURE_MODULES = [];
