// no map on H5: Taro's H5 Map loads a script from the internet
export const PointsMap = () => null
