/** Lower-case letters and digits in words joined by single hyphens: the form of every document slug. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
