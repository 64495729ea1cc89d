// Drives @camunda8/sdk's ModelerApiClient (Web Modeler API v1) against a camunda-hub server and
// checks what every call resolves to. Run by tests/test_api_v1_node_sdk.py, which passes:
//   HUB_URL, HUB_CLIENT_ID, HUB_CLIENT_SECRET
// The token comes from the SDK's own OAuth provider, Self-Managed style: no audience is
// configured, so the SDK sends none. Prints one JSON line {"ok": true, "calls": [...]}.
'use strict'

const assert = require('node:assert/strict')
const { Camunda8 } = require('@camunda8/sdk')

const base = process.env.HUB_URL
const calls = []

async function call(name, promise) {
  try {
    const result = await promise
    calls.push(name)
    return result
  } catch (error) {
    const detail = error && (error.detail || error.message)
    throw new Error(`${name} rejected: ${error && error.statusCode} ${detail}`)
  }
}

async function main() {
  const c8 = new Camunda8({
    CAMUNDA_AUTH_STRATEGY: 'OAUTH',
    CAMUNDA_OAUTH_URL: `${base}/oauth/token`,
    ZEEBE_CLIENT_ID: process.env.HUB_CLIENT_ID,
    ZEEBE_CLIENT_SECRET: process.env.HUB_CLIENT_SECRET,
    CAMUNDA_MODELER_BASE_URL: `${base}/api`,
    CAMUNDA_TOKEN_DISK_CACHE_DISABLE: true,
    CAMUNDA_LOG_LEVEL: 'none',
  })
  const modeler = c8.getModelerApiClient()

  const info = await call('getInfo', modeler.getInfo())
  assert.equal(info.version, 'v1')
  assert.equal(typeof info.authorizedOrganization, 'string')
  for (const flag of ['createPermission', 'readPermission', 'updatePermission', 'deletePermission']) {
    assert.equal(info[flag], true, flag)
  }

  const name = `SDK check ${Date.now()}`
  const project = await call('createProject', modeler.createProject(name))
  assert.equal(project.name, name)
  assert.match(project.id, /^[0-9a-f-]{36}$/)
  assert.equal(typeof project.created, 'string')
  assert.equal(typeof project.createdBy, 'object')

  const renamed = await call('renameProject', modeler.renameProject(project.id, `${name} (renamed)`))
  assert.equal(renamed.name, `${name} (renamed)`)

  const folder = await call('createFolder', modeler.createFolder({ name: 'Processes', projectId: project.id }))
  assert.equal(folder.name, 'Processes')
  assert.equal(folder.projectId, project.id)

  const folderAgain = await call('updateFolder', modeler.updateFolder(folder.id, { name: 'Processes', projectId: project.id, parentId: undefined }))
  assert.equal(folderAgain.id, folder.id)

  const bpmn = '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="p" isExecutable="true"/></bpmn:definitions>'
  const file = await call('createFile', modeler.createFile({
    name: 'Order/Process',
    folderId: folder.id,
    projectId: project.id,
    content: bpmn,
    fileType: 'bpmn',
  }))
  assert.equal(file.name, 'Order/Process')
  assert.equal(file.type, 'BPMN')
  assert.equal(file.revision, 1)
  assert.equal(file.projectId, project.id)
  assert.equal(file.folderId, folder.id)
  assert.equal(file.simplePath, 'Processes/Order\\/Process.bpmn')
  assert.deepEqual(file.canonicalPath, [{ id: folder.id, name: 'Processes' }])

  const fetched = await call('getFile', modeler.getFile(file.id))
  assert.equal(fetched.metadata.id, file.id)
  assert.equal(fetched.content, bpmn)

  const edited = bpmn.replace('isExecutable="true"', 'isExecutable="false"')
  const updated = await call('updateFile', modeler.updateFile(file.id, {
    name: 'Order process',
    content: edited,
    revision: fetched.metadata.revision,
    projectId: project.id,
    folderId: folder.id,
  }))
  assert.equal(updated.revision, 2)
  assert.equal(updated.name, 'Order process')
  assert.equal(updated.folderId, folder.id)

  let stale = null
  try {
    await modeler.updateFile(file.id, { revision: 1, content: bpmn, name: 'x', projectId: project.id, folderId: folder.id })
  } catch (error) {
    stale = error
  }
  assert.ok(stale, 'a stale revision must be refused')
  assert.equal(stale.statusCode, 409)
  calls.push('updateFile (stale revision: 409)')

  const folderContent = await call('getFolder', modeler.getFolder(folder.id))
  assert.deepEqual(folderContent.content.files.map((f) => f.id), [file.id])

  const projectContent = await call('getProject', modeler.getProject(project.id))
  assert.equal(projectContent.metadata.id, project.id)
  assert.deepEqual(projectContent.content.files.map((f) => f.id), [file.id])
  assert.deepEqual(projectContent.content.folders.map((f) => f.id), [folder.id])

  const files = await call('searchFiles', modeler.searchFiles({
    filter: { projectId: project.id, created: `>=${file.created}||/d` },
    sort: [{ field: 'name', direction: 'ASC' }],
    page: 0,
    size: 10,
  }))
  assert.equal(files.total, 1)
  assert.equal(files.items[0].id, file.id)
  assert.equal(files.items[0].revision, 2)

  const projects = await call('searchProjects', modeler.searchProjects({ filter: { name: `${name} (renamed)` } }))
  assert.equal(projects.total, 1)
  assert.equal(projects.items[0].id, project.id)

  const version = await call('createVersion', modeler.createVersion({ fileId: file.id, name: 'First', description: 'before the fix' }))
  assert.equal(version.fileId, file.id)
  assert.equal(version.name, 'First')
  assert.equal(version.description, 'before the fix')

  const versionDetail = await call('getVersion', modeler.getVersion(version.id))
  assert.equal(versionDetail.content, edited)

  const versionRenamed = await call('updateVersion', modeler.updateVersion(version.id, { name: 'First version' }))
  assert.equal(versionRenamed.name, 'First version')

  await modeler.updateFile(file.id, { revision: 2, content: bpmn, name: 'Order process', projectId: project.id, folderId: folder.id })
  const second = await call('createVersion', modeler.createVersion({ fileId: file.id, name: 'Second' }))

  const versions = await call('searchVersions', modeler.searchVersions({ filter: { fileId: file.id } }))
  assert.equal(versions.total, 2)
  assert.deepEqual(new Set(versions.items.map((v) => v.id)), new Set([version.id, second.id]))

  const restored = await call('restoreVersion', modeler.restoreVersion(version.id, { version: 3 }))
  assert.equal(restored.fileId, file.id)
  const afterRestore = await modeler.getFile(file.id)
  assert.equal(afterRestore.content, edited)
  assert.equal(afterRestore.metadata.revision, 4)

  const comparison = await call('compareVersions', modeler.compareVersions(version.id, second.id))
  assert.equal(comparison.url, `${base}/console/orgs/${info.authorizedOrganization}/files/${file.id}/diff?from=${version.id}&to=${second.id}`)

  const milestone = await call('createMilestone', modeler.createMilestone({ name: 'Milestone', fileId: file.id }))
  assert.equal(milestone.fileId, file.id)
  assert.equal(milestone.name, 'Milestone')

  const milestoneDetail = await call('getMilestone', modeler.getMilestone(milestone.id))
  assert.equal(milestoneDetail.metadata.id, milestone.id)
  assert.equal(milestoneDetail.content, edited)

  const milestones = await call('searchMilestones', modeler.searchMilestones({ filter: { fileId: file.id, name: 'Milestone' } }))
  assert.equal(milestones.total, 1)
  assert.equal(milestones.items[0].id, milestone.id)

  // The SDK hands the milestone comparison over unparsed: the JSON text.
  const milestoneComparison = await call('getMilestoneComparison', modeler.getMilestoneComparison(version.id, milestone.id))
  assert.equal(JSON.parse(milestoneComparison).url.includes(`/files/${file.id}/diff?from=${version.id}&to=${milestone.id}`), true)

  const collaboratorAdded = await call('addCollaborator', modeler.addCollaborator({ email: 'jane.doe@example.com', projectId: project.id, role: 'project_admin' }))
  assert.equal(collaboratorAdded, null)
  await call('addCollaborator (role change)', modeler.addCollaborator({ email: 'jane.doe@example.com', projectId: project.id, role: 'editor' }))

  const collaborators = await call('searchCollaborators', modeler.searchCollaborators({ filter: { projectId: project.id } }))
  assert.equal(collaborators.total, 1)
  assert.deepEqual(
    { email: collaborators.items[0].email, projectId: collaborators.items[0].projectId, role: collaborators.items[0].role },
    { email: 'jane.doe@example.com', projectId: project.id, role: 'editor' },
  )

  assert.equal(await call('deleteCollaborator', modeler.deleteCollaborator({ projectId: project.id, email: 'jane.doe@example.com' })), null)
  const noCollaborators = await modeler.searchCollaborators({ filter: { projectId: project.id } })
  assert.equal(noCollaborators.total, 0)

  await call('deleteMilestone', modeler.deleteMilestone(milestone.id))
  await rejects('getMilestone after deleteMilestone', modeler.getMilestone(milestone.id), 404)

  assert.equal(await call('deleteVersion', modeler.deleteVersion(second.id)), null)
  await rejects('getVersion after deleteVersion', modeler.getVersion(second.id), 404)

  assert.equal(await call('deleteFile', modeler.deleteFile(file.id)), null)
  await rejects('getFile after deleteFile', modeler.getFile(file.id), 404)

  assert.equal(await call('deleteFolder', modeler.deleteFolder(folder.id)), null)
  await rejects('getFolder after deleteFolder', modeler.getFolder(folder.id), 404)

  const projectDeleted = await call('deleteProject', modeler.deleteProject(project.id))
  assert.deepEqual(projectDeleted, {})
  await rejects('getProject after deleteProject', modeler.getProject(project.id), 404)

  process.stdout.write(JSON.stringify({ ok: true, calls }) + '\n')
}

async function rejects(name, promise, status) {
  try {
    await promise
  } catch (error) {
    assert.equal(error.statusCode, status, name)
    calls.push(`${name}: ${status}`)
    return
  }
  throw new Error(`${name} resolved; expected a ${status}`)
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ ok: false, calls, error: String(error && error.stack || error) }) + '\n')
  process.exit(1)
})
