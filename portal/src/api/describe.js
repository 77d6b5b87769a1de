import { ApiError } from './http.js'

/** An error in words for the person using the page: the service's own wording when it gave one. */
export function describeError(error, t) {
  if (!(error instanceof ApiError)) {
    return t('errors.unexpected', { message: (error && error.message) || String(error) })
  }
  if (error.kind === 'problem' && (error.detail || error.title)) {
    return error.detail || error.title
  }
  switch (error.kind) {
    case 'network':
      return t('errors.network')
    case 'csrf':
      return t('errors.csrf')
    case 'unauthorized':
      return t('errors.unauthorized')
    default:
      return error.status === 404 ? t('errors.notFound') : t('errors.status', { status: error.status })
  }
}
