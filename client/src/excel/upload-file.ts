import type { ErrorCode, ImportErrorBody, ImportHeader, ImportIssueAnswer } from '@tandem/shared'

/** A refused upload: the answer's code, then every problem the server listed. */
export interface UploadFailure {
  status: number
  /** An API error code, or `network` when the server could not be reached. */
  code: ErrorCode | 'network'
  errors: ImportIssueAnswer[]
  /** How many problems there are, when the server listed only the first few. */
  errorCount?: number
  /** The file's header, when its columns were not understood: the mapping step shows it. */
  header?: ImportHeader
}

/** The failure of an upload that never got an answer. */
export const NETWORK_FAILURE: UploadFailure = { status: 0, code: 'network', errors: [] }

const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const

/** The media type the server reads a file as, from its name. */
export function mediaTypeOf(file: File): string {
  return file.name.toLowerCase().endsWith('.csv') ? MEDIA_TYPES.csv : MEDIA_TYPES.xlsx
}

/**
 * Posts a file as the raw body with XMLHttpRequest, whose upload events report progress
 * (fetch has none). Resolves with the parsed JSON answer; rejects with an `UploadFailure`.
 */
export function uploadFile<T>(
  path: string,
  file: File,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('POST', path)
    request.setRequestHeader('content-type', mediaTypeOf(file))
    request.responseType = 'json'
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(event.loaded / event.total)
    }
    request.onload = () => {
      const body = request.response as (T & Partial<ImportErrorBody>) | null
      if (request.status >= 200 && request.status < 300 && body) return resolve(body)
      const failure: UploadFailure = {
        status: request.status,
        code: body?.code ?? 'badRequest',
        errors: body?.errors ?? [],
        errorCount: body?.errorCount,
        header: body?.header,
      }
      reject(failure)
    }
    request.onerror = () => reject(NETWORK_FAILURE)
    request.send(file)
  })
}

export function isUploadFailure(value: unknown): value is UploadFailure {
  return typeof value === 'object' && value !== null && 'errors' in value && 'status' in value
}
