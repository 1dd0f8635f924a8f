// no map on H5: Taro's H5 Map loads a script from the internet; the list says it all
export const RouteMap = () => null
