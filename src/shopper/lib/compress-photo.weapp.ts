import Taro from '@tarojs/taro'

export const MAX_SIDE = 1600

/** WeChat compresses on the phone (quality 70, and at most MAX_SIDE on the longest side). */
export async function compressPhoto(path: string): Promise<string> {
  try {
    const { tempFilePath } = await Taro.compressImage({ src: path, quality: 70, compressedWidth: MAX_SIDE } as Taro.compressImage.Option)
    return tempFilePath
  } catch {
    return path
  }
}
