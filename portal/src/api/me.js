// The gateway's own API: who is logged in (its session, GET /api/me).
import { get } from './http.js'

/** The logged-in person: {username, name, roles, unit, department, inspectionUnits}; a 401 starts the login. */
export const fetchMe = () => get('/api/me')
