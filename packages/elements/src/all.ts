/** Registers every Vitrine element. Each element issue adds its define module here. */
export {};
