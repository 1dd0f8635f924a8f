export const installPageGuard = (): void => undefined
export const isFetchFailure = (): boolean => false
