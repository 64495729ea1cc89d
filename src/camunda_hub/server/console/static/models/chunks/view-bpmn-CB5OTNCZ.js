import{b as Dc,c as Sc}from"./chunk-233PNCMT.js";import{b as Jn,c as Zn,d as Lc,e as et}from"./chunk-5MBTSTCB.js";import"./chunk-U4XQPSNJ.js";import{a as Xn,b as Qn}from"./chunk-35N4KNW6.js";import"./chunk-I4W4EFRC.js";import{D as S,E as O,a as te,c as re,h as Ae}from"./chunk-5WML2TRI.js";import{a as jn,b as m,c as Bn,d as f,e as q,i as Kn,k as Hn,l as z,m as ke}from"./chunk-6CMV5MDJ.js";var tt=m((Oh,nt)=>{function Fc(n){return["String","Boolean","Integer","Real"].includes(n)}nt.exports=function n(e,t){let r=t.enter,o=t.leave,s=r&&r(e),i=e.$descriptor;s!==!1&&!i.isGeneric&&i.properties.filter(c=>!c.isAttr&&!c.isReference&&!Fc(c.type)).forEach(c=>{if(c.name in e){let l=e[c.name];c.isMany?l.forEach(u=>{n(u,t)}):n(l,t)}}),o&&o(e)}});var ot=m((Lh,rt)=>{var $c=tt(),{isArray:Vc,isObject:zc,isFunction:Mc}=(O(),q(S)),Ue=class{constructor({moddleRoot:e,rule:t}){this.rule=t,this.moddleRoot=e,this.messages=[],this.report=this.report.bind(this)}report(e,t,r){let o={id:e,message:t};r&&Vc(r)&&(o={...o,path:r}),r&&zc(r)&&(o={...o,...r}),this.messages.push(o)}};rt.exports=function({moddleRoot:e,rule:t}){let r=new Ue({rule:t,moddleRoot:e}),o=t.check||{},s="leave"in o?o.leave:void 0,i="enter"in o?o.enter:Mc(o)?o:void 0;if(!i&&!s)throw new Error("no check implemented");return $c(e,{enter:i?a=>i(a,r):void 0,leave:s?a=>s(a,r):void 0}),r.messages}});var at=m((Dh,it)=>{var Uc=ot(),Yc=(n,e)=>n,Gc={0:"off",1:"warn",2:"error",3:"info"},Wc="rule-error";function F(n){let{config:e={},resolver:t,transformRule:r=Yc}=n||{};if(typeof t>"u")throw new Error("must provide <options.resolver>");this.config=e,this.resolver=t,this.transformRule=r,this.cachedRules={},this.cachedConfigs={}}it.exports=F;F.prototype.applyRule=function(e,t){let{config:r,rule:o,category:s,name:i}=t;try{return Uc({moddleRoot:e,rule:o,config:r}).map(function(c){return{...c,meta:o.meta,category:s}})}catch(a){return console.error("rule <"+i+"> failed with error: ",a),[{message:a.message,category:Wc}]}};F.prototype.resolveRule=function(n,e){let{pkg:t,ruleName:r}=this.parseRuleName(n),o=`${t}-${r}`,s=this.cachedRules[o];return s?Promise.resolve(s):Promise.resolve(this.resolver.resolveRule(t,r)).then(i=>{if(!i)throw new Error(`unknown rule <${n}>`);return this.cachedRules[o]=this.transformRule(i(e),{pkg:t,ruleName:r})})};F.prototype.resolveConfig=function(n){let{pkg:e,configName:t}=this.parseConfigName(n),r=`${e}-${t}`,o=this.cachedConfigs[r];return o?Promise.resolve(o):Promise.resolve(this.resolver.resolveConfig(e,t)).then(s=>{if(!s)throw new Error(`unknown config <${n}>`);return this.cachedConfigs[r]=this.normalizeConfig(s,e)})};F.prototype.resolveRules=function(n){return this.resolveConfiguredRules(n).then(e=>{let o=Object.entries(e).map(([s,i])=>{let{category:a,config:c}=this.parseRuleValue(i);return{name:s,category:a,config:c}}).filter(s=>s.category!=="off").map(s=>{let{name:i,config:a}=s;return this.resolveRule(i,a).then(function(c){return{...s,rule:c}})});return Promise.all(o)})};F.prototype.resolveConfiguredRules=function(n){let e=n.extends;return typeof e=="string"&&(e=[e]),typeof e>"u"&&(e=[]),Promise.all(e.map(t=>this.resolveConfig(t).then(r=>this.resolveConfiguredRules(r)))).then(t=>{let r=this.normalizeConfig(n,"bpmnlint").rules;return[...t,r].reduce((s,i)=>({...s,...i}),{})})};F.prototype.lint=function(n,e){return e=e||this.config,this.resolveRules(e).then(t=>{let r={};return t.forEach(o=>{let{name:s}=o,i=this.applyRule(n,o);i.length&&(r[s]=i)}),r})};F.prototype.parseRuleValue=function(n){let e,t;return Array.isArray(n)?(e=n[0],t=n[1]):(e=n,t={}),typeof e=="string"&&(e=e.toLowerCase()),e=Gc[e]||e,{config:t,category:e}};F.prototype.parseRuleName=function(n,e="bpmnlint"){let t=/^(?:(?:(@[^/]+)\/)?([^@]{1}[^/]*)\/)?([^/]+)$/.exec(n);if(!t)throw new Error(`unparseable rule name <${n}>`);let[r,o,s,i]=t;return s?{pkg:`${o?o+"/":""}${st(s)}`,ruleName:i}:{pkg:e,ruleName:i}};F.prototype.parseConfigName=function(n){let e=/^(?:(?:plugin:(?:(@[^/]+)\/)?([^@]{1}[^/]*)\/)|bpmnlint:)([^/]+)$/.exec(n);if(!e)throw new Error(`unparseable config name <${n}>`);let[t,r,o,s]=e;return o?{pkg:`${r?r+"/":""}${st(o)}`,configName:s}:{pkg:"bpmnlint",configName:s}};F.prototype.getSimplePackageName=function(n){let e=/^(?:(@[^/]+)\/)?([^/]+)$/.exec(n);if(!e)throw new Error(`unparseable package name <${n}>`);let[t,r,o]=e;return`${r?r+"/":""}${jc(o)}`};F.prototype.normalizeConfig=function(n,e){let t=n.rules||{},r=Object.keys(t).reduce((o,s)=>{let i=t[s],{pkg:a,ruleName:c}=this.parseRuleName(s,e),l=a==="bpmnlint"?c:`${this.getSimplePackageName(a)}/${c}`;return o[l]=i,o},{});return{...n,rules:r}};function st(n){return n==="bpmnlint"?"bpmnlint":n.startsWith("bpmnlint-plugin-")?n:`bpmnlint-plugin-${n}`}function jc(n){return n.startsWith("bpmnlint-plugin-")?n.substring(16):n}});var ut=m((Sh,ct)=>{var Bc=at();ct.exports={Linter:Bc}});var pt=m((Fh,lt)=>{function Ce(n){this.cache=n}lt.exports=Ce;Ce.prototype.resolveRule=function(n,e){return this.resolve("rule",n,e)};Ce.prototype.resolveConfig=function(n,e){return this.resolve("config",n,e)};Ce.prototype.resolve=function(n,e,t){let r=`${e}/${t}`,o=this.cache[`${n}:${r}`];if(!o)throw new Error(`unknown ${n} <${r}>`);return o}});var h=m(Ye=>{"use strict";function mt(n,e){return e.indexOf(":")===-1&&(e="bpmn:"+e),typeof n.$instanceOf=="function"?n.$instanceOf(e):n.$type===e}function Kc(n,e){return e.some(function(t){return mt(n,t)})}Ye.is=mt;Ye.isAny=Kc});var N={};Bn(N,{getPath:()=>Hc,pathConcat:()=>Qc,pathEquals:()=>Jc,pathParse:()=>Zc,pathStringify:()=>Ge});function Hc(n,e){if(!n)return null;if(n===e)return[];let t=[],r;do{if(r=n.$parent,!r){if(n.$instanceOf("bpmn:Definitions"))break;return null}if(t=[...Xc(n,r),...t],n=r,e&&n===e)break}while(r);return t}function Xc(n,e){for(let t of Object.values(e.$descriptor.propertiesByName))if(t.isMany){if(e.get(t.name).includes(n))return[t.name,e.get(t.name).indexOf(n)]}else if(e.get(t.name)===n)return[t.name];return[]}function Qc(...n){let e=[];for(let t of n){if(re(t)||te(t))return null;Ae(t)&&(t=[t]),e=e.concat(t)}return e}function Jc(n,e,t="."){return re(n)||te(n)||re(e)||te(e)?!1:(Ae(n)||(n=Ge(n,t)),Ae(e)||(e=Ge(e,t)),n===e)}function Zc(n,e="."){return re(n)||te(n)?null:n.split(e).map(t=>isNaN(t)?t:parseInt(t))}function Ge(n,e="."){return re(n)||te(n)?null:n.join(e)}var P=jn(()=>{O()});var R=m((zh,ft)=>{ft.exports.ERROR_TYPES=Object.freeze({CHILD_ELEMENT_OF_TYPE_REQUIRED:"camunda.childElementOfTypeRequired",CHILD_ELEMENT_TYPE_NOT_ALLOWED:"camunda.childElementTypeNotAllowed",CONNECTORS_PROPERTY_VALUE_NOT_ALLOWED:"camunda.connectors.propertyValueNotAllowed",ELEMENT_COLLAPSED_NOT_ALLOWED:"camunda.elementCollapsedNotAllowed",ELEMENT_MULTIPLE_NOT_ALLOWED:"camunda.elementMultipleNotAllowed",ELEMENT_TYPE_NOT_ALLOWED:"camunda.elementTypeNotAllowed",ELEMENT_PROPERTY_VALUE_DUPLICATED:"camunda.elementPropertyValueDuplicated",EVENT_BASED_GATEWAY_TARGET_NOT_ALLOWED:"camunda.eventBasedGatewayTargetNotAllowed",EXPRESSION_NOT_ALLOWED:"camunda.expressionNotAllowed",EXPRESSION_REQUIRED:"camunda.expressionRequired",EXPRESSION_VALUE_NOT_ALLOWED:"camunda.expressionValueNotAllowed",EXTENSION_ELEMENT_NOT_ALLOWED:"camunda.extensionElementNotAllowed",EXTENSION_ELEMENT_REQUIRED:"camunda.extensionElementRequired",FEEL_EXPRESSION_INVALID:"camunda.feelExpressionInvalid",FEEL_EXPRESSION_UNSUPPORTED_FUNCTION:"camunda.feelExpressionUnsupportedFunction",LOOP_NOT_ALLOWED:"camunda.loopNotAllowed",ATTACHED_TO_REF_ELEMENT_TYPE_NOT_ALLOWED:"camunda.attachedToRefElementTypeNotAllowed",PROPERTY_DEPENDENT_REQUIRED:"camunda.propertyDependentRequired",PROPERTY_NOT_ALLOWED:"camunda.propertyNotAllowed",PROPERTY_DEPRECATED:"camunda.propertyDeprecated",PROPERTY_REQUIRED:"camunda.propertyRequired",PROPERTY_TYPE_NOT_ALLOWED:"camunda.propertyTypeNotAllowed",PROPERTY_VALUE_DUPLICATED:"camunda.propertyValueDuplicated",PROPERTY_VALUES_DUPLICATED:"camunda.propertiesValuesDuplicated",PROPERTY_VALUE_NOT_ALLOWED:"camunda.propertyValueNotAllowed",PROPERTY_VALUE_REQUIRED:"camunda.propertyValueRequired",SECRET_EXPRESSION_FORMAT_DEPRECATED:"camunda.secretExpressionFormatDeprecated",SECRET_EXPRESSION_FORMAT_LEGACY:"camunda.secretExpressionFormatLegacy",SECRET_REFERENCE_STRING_LITERAL_NOT_ALLOWED:"camunda.secretReferenceStringLiteralNotAllowed",SECRET_REFERENCE_INSIDE_LIST_NOT_ALLOWED:"camunda.secretReferenceInsideListNotAllowed",SECRET_REFERENCE_INSIDE_IF_BRANCH_CONTEXT_NOT_ALLOWED:"camunda.secretReferenceInsideIfBranchContextNotAllowed",AGENT_FEEL_FUNCTION_NAME_INVALID:"camunda.agentFeelFunctionNameInvalid",AGENT_FEEL_KEY_MISSING:"camunda.agentFeelKeyMissing",AGENT_FEEL_KEY_TYPE_INVALID:"camunda.agentFeelKeyTypeInvalid",AGENT_FEEL_KEY_PREFIX_MISSING:"camunda.agentFeelKeyPrefixMissing",AGENT_FEEL_DESCRIPTION_TYPE_INVALID:"camunda.agentFeelDescriptionTypeInvalid",AGENT_FEEL_WRONG_CONTEXT:"camunda.agentFeelWrongContext",AGENT_FEEL_KEY_SEGMENTS_INVALID:"camunda.agentFeelKeySegmentsInvalid",AGENT_FEEL_KEY_DUPLICATE:"camunda.agentFeelKeyDuplicate",AGENT_FEEL_NON_ENTRY_ELEMENT:"camunda.agentFeelNonEntryElement",AGENT_TOOL_OUTPUT_KEY_INVALID:"camunda.agentToolOutputKeyInvalid",AGENT_TOOL_OUTPUT_KEY_CASING_INVALID:"camunda.agentToolOutputKeyCasingInvalid",AGENT_TOOL_OUTPUT_KEY_OVERWRITE:"camunda.agentToolOutputKeyOverwrite",AGENT_TOOL_RESULT_MISSING:"camunda.agentToolResultMissing",AGENT_TOOL_DOCUMENTATION_MISSING:"camunda.agentToolDocumentationMissing"})});var dt=m((Mh,gt)=>{gt.exports=function(e,t){for(var r=e.split("."),o=t.split("."),s=0;s<3;s++){var i=Number(r[s]),a=Number(o[s]);if(i>a)return 1;if(a>i)return-1;if(!isNaN(i)&&isNaN(a))return 1;if(isNaN(i)&&!isNaN(a))return-1}return 0}});var k=m((Uh,Et)=>{var eu=dt();Et.exports.greaterOrEqual=function(n,e){if(!n)throw new Error('Rule requires { version } config, e.g. [ "warn", { "version": "8.0" } ]');return eu(n,e)!==-1}});var g=m((Yh,x)=>{var{filter:nu,isArray:se,isDefined:tu,isFunction:ru,isNil:vt,isObject:ou,isString:su,isUndefined:iu,matchPattern:au,some:bt}=(O(),q(S)),{is:G,isAny:yt}=h(),{getPath:H,pathConcat:M}=(P(),q(N)),{ERROR_TYPES:I}=R(),{greaterOrEqual:cu}=k();x.exports.ERROR_TYPES=I;function qt(n,e,t=null){let r=n.map(o=>H(o,t)).filter(o=>se(o)).map(o=>M(o,e));return r.length?{paths:r}:{}}function uu({element:n,referenceHolder:e,referenceProperty:t,referencedRoot:r,node:o}){return M(H(e,n),t,H(o,r))}x.exports.getReferencePath=uu;function xt(n){let e=n.get("eventDefinitions");if(e)return e[0]}x.exports.getEventDefinition=xt;x.exports.getMessageEventDefinition=function(n){return G(n,"bpmn:ReceiveTask")?n:xt(n)};function je(n,e){let t=n.get("extensionElements");if(!t)return;let r=t.get("values");if(!(!r||!r.length))return se(e)||(e=[e]),r.filter(o=>yt(o,e))}x.exports.findExtensionElements=je;function he(n,e){let t=je(n,e);if(t&&t.length)return t[0]}x.exports.findExtensionElement=he;function Be(n,e=!1){return n.reduce((t,r,o)=>o===0?`<${r}>`:o===n.length-1?`${t} ${e?"or":"and"} <${r}>`:`${t}, <${r}>`,"")}x.exports.formatNames=Be;x.exports.hasDuplicatedPropertyValues=function(n,e,t,r=null){let o=n.get(e),s=o.map(a=>a.get(t)),i=s.reduce((a,c,l)=>s.indexOf(c)!==l&&!a.includes(c)?[...a,c]:a,[]);return i.length?i.map(a=>{let c=o.filter(l=>l.get(t)===a);return{message:`Properties of type <${c[0].$type}> have property <${t}> with duplicate value of <${a}>`,path:null,...qt(c,t,r),data:{type:I.PROPERTY_VALUE_DUPLICATED,node:n,parentNode:r==n?null:r,duplicatedProperty:t,duplicatedPropertyValue:a,properties:c,propertiesName:e}}}):[]};x.exports.hasDuplicatedPropertiesValues=function(n,e,t,r=null){let o=n.get(e),s=o.reduce((i,a,c)=>o.slice(0,c).find(p=>t.every(v=>p.get(v)===a.get(v)))?i.concat(a):i,[]);return s.length?s.map(i=>{let a={};for(let u of t)a[u]=i.get(u);let c=nu(o,au(a)),l=t.map(u=>`property <${u}> with duplicate value of <${a[u]}>`).join(", ");return{message:`Properties of type <${i.$type}> have properties with duplicate values (${l})`,path:null,...qt(c,"type",r),data:{type:I.PROPERTY_VALUES_DUPLICATED,node:n,parentNode:r==n?null:r,duplicatedProperties:a,properties:c,propertiesName:e}}}):[]};x.exports.hasProperties=function(n,e,t=null,r){return Object.entries(e).reduce((o,s)=>{let[i,a]=s,{allowedVersion:c=null}=a,l=r===void 0?H(n,t):r,u=n.get(i);return a.required&&We(u)?[...o,{message:c?`Element of type <${n.$type}> without property <${i}> only allowed by Camunda ${c} or newer`:`Element of type <${n.$type}> must have property <${i}>`,path:M(l||[],i),data:oe({type:I.PROPERTY_REQUIRED,node:n,parentNode:t==n?null:t,requiredProperty:i},c)}]:a.dependentRequired&&n.get(a.dependentRequired)&&We(u)?[...o,{message:`Element of type <${n.$type}> must have property <${i}> if it has property <${a.dependentRequired}>`,path:M(l||[],i),data:{type:I.PROPERTY_DEPENDENT_REQUIRED,node:n,parentNode:t==n?null:t,property:a.dependentRequired,dependentRequiredProperty:i}}]:a.type&&u&&(!u.$instanceOf||!se(a.type)&&!u.$instanceOf(a.type)||se(a.type)&&!bt(a.type,p=>u.$instanceOf(p)))?[...o,{message:c?`Property <${i}> of type <${u.$type}> only allowed by Camunda ${c} or newer`:`Property <${i}> of type <${u.$type}> not allowed`,path:M(l||[],i),data:oe({type:I.PROPERTY_TYPE_NOT_ALLOWED,node:n,parentNode:t==n?null:t,property:i,allowedPropertyType:a.type},c)}]:"value"in a&&a.value!==u?[...o,{message:`Property <${i}> must have value of <${a.value}>`,path:M(l||[],i),data:{type:I.PROPERTY_VALUE_REQUIRED,node:n,parentNode:t==n?null:t,property:i,requiredValue:a.value}}]:a.allowed===!1&&tu(u)&&!vt(u)?[...o,{message:c?`Property <${i}> only allowed by Camunda ${c} or newer`:`Property <${i}> not allowed`,path:M(l||[],i),data:oe({type:I.PROPERTY_NOT_ALLOWED,node:n,parentNode:t==n?null:t,property:i},c)}]:ru(a.allowed)&&!a.allowed(u)?[...o,{message:c?`Property value of <${ht(u)}> only allowed by Camunda ${c} or newer`:`Property value of <${ht(u)}> not allowed`,path:M(l||[],i),data:oe({type:I.PROPERTY_VALUE_NOT_ALLOWED,node:n,parentNode:t==n?null:t,property:i},c)}]:o},[])};x.exports.hasProperty=function(n,e,t=null){return e=se(e)?e:[e],lu(n,e).length!==1?[{message:`Element of type <${n.$type}> must have property ${Be(e,!0)}`,path:H(n,t),data:{type:I.PROPERTY_REQUIRED,node:n,parentNode:t==n?null:t,requiredProperty:e}}]:[]};function lu(n,e){let t=[];for(let r of e){let o=n.get(r);We(o)||t.push(n.get(r))}return t}x.exports.hasExtensionElement=function(n,e,t=null){let r=se(e)?e:[e],o=je(n,r);return!o||o.length!==1?[{message:`Element of type <${n.$type}> must have one extension element of type ${Be(r,!0)}`,path:H(n,t),data:{type:I.EXTENSION_ELEMENT_REQUIRED,node:n,parentNode:t==n?null:t,requiredExtensionElement:e}}]:[]};x.exports.hasNoExtensionElement=function(n,e,t=null,r=null){let o=he(n,e);return o?[{message:r?`Extension element of type <${e}> only allowed by Camunda ${r}`:`Extension element of type <${e}> not allowed`,path:H(o,t),data:oe({type:I.EXTENSION_ELEMENT_NOT_ALLOWED,node:n,parentNode:t==n?null:t,extensionElement:o},r)}]:[]};x.exports.hasExpression=function(n,e,t,r=null){let o=n.get(e);if(!o)throw new Error("Expression not found");let s=o;G(o,"bpmn:Expression")&&(s=o.get("body"));let i=H(n,r);if(!s)return t.required!==!1?[{message:`Property <${e}> must have expression value`,path:M(i,e),data:{type:I.EXPRESSION_REQUIRED,node:G(o,"bpmn:Expression")?o:n,parentNode:r,property:e}}]:[];let a=t.allowed(s);if(a!==!0){let c=null;return ou(a)&&({allowedVersion:c}=a),[{message:c?`Expression value of <${s}> only allowed by Camunda ${c}`:`Expression value of <${s}> not allowed`,path:M(i,e),data:oe({type:I.EXPRESSION_VALUE_NOT_ALLOWED,node:G(o,"bpmn:Expression")?o:n,parentNode:r,property:e},c)}]}return[]};function Tt(n,e){let{$model:t}=n;return t.getType(n.$type)===t.getType(e)}x.exports.isExactly=Tt;x.exports.isAnyExactly=function(n,e){return bt(e,t=>Tt(n,t))};function ht(n,e=10){let t=`${n}`;return t.length>e?`${t.slice(0,e)}...`:t}function oe(n,e){return e?{...n,allowedVersion:e}:n}function pu(n){let e=n.$parent;for(;e;){if(G(e,"bpmn:AdHocSubProcess"))return e;e=e.$parent}return null}x.exports.findAncestorAdHocSubProcess=pu;var mu="io.camunda.agenticai.toolContainer",fu="io.camunda.connectors.agenticai.aiagent.jobworker.v1",gu="io.camunda.agenticai:aiagent-job-worker:";function Rt(n){let e=he(n,"zeebe:TaskDefinition"),t=e&&e.get("type");return!!t&&t.startsWith(gu)}x.exports.hasAiAgentJobWorkerType=Rt;function wt(n){let e=he(n,"zeebe:Properties");return e?(e.get("properties")||[]).some(t=>t.get("name")===mu&&t.get("value")==="true"):!1}x.exports.hasToolContainerProperty=wt;function Nt(n,e){return wt(n)||n.get("modelerTemplate")===fu||Rt(n)?!0:!!e&&cu(e,"8.10")&&!!he(n,"zeebe:AgentDefinition")}x.exports.isAgenticAdHocSubProcess=Nt;function du(n,e){return G(n,"bpmn:Activity")&&!(G(n,"bpmn:SubProcess")&&n.get("triggeredByEvent"))&&(n.get("incoming")||[]).length===0&&G(n.$parent,"bpmn:AdHocSubProcess")&&Nt(n.$parent,e)}x.exports.isAgenticToolElement=du;function Pt(n,e){if(!n)return null;let t=n.$parent;return t?G(t,e)?t:Pt(t,e):n}x.exports.findParent=Pt;function Eu(n){for(;n&&!yt(n,["bpmn:FlowElement","bpmn:FlowElementsContainer"]);)n=n.$parent;return n}x.exports.findParentNode=Eu;function hu(n){return su(n)&&n.trim()===""}function We(n){return iu(n)||vt(n)||hu(n)}});var d=m((Gh,Ke)=>{var{is:_t}=h(),{isArray:vu}=(O(),q(S));Ke.exports.reportErrors=function(n,e,t){vu(t)||(t=[t]),t.forEach(({message:r,...o})=>{let s=kt(n);s&&(o={...o,name:s}),e.report(n.get("id"),r,o)})};function kt(n){if(_t(n,"bpmn:TextAnnotation"))return n.get("text");if(_t(n,"bpmn:Group")){let e=n.get("categoryValueRef");return e&&e.get("value")}return n.get("name")}Ke.exports.getName=kt});var E=m((Wh,Ct)=>{var{is:He}=h(),{greaterOrEqual:bu}=k();function yu(n){return function(e={}){let t=n(e),{version:r,platform:o="camunda-cloud"}=e;function s(i,a){return o==="camunda-cloud"&&r&&bu(r,"8.2")&&At(i)||o==="camunda-platform"&&At(i)?!1:t.check(i,a)}return{...t,check:s}}}Ct.exports={skipInNonExecutableProcess:yu};function At(n){let e;return He(n,"bpmn:Process")&&(e=n),He(n,"bpmndi:BPMNPlane")&&He(n.get("bpmnElement"),"bpmn:Process")&&(e=n.get("bpmnElement")),e&&!e.get("isExecutable")}});var St=m((jh,Dt)=>{var{is:Lt}=h(),{ERROR_TYPES:qu,hasProperties:Xe,findExtensionElement:xu}=g(),{reportErrors:It}=d(),{skipInNonExecutableProcess:Tu}=E(),{greaterOrEqual:Ot}=k(),Qe="8.8",Je="8.8";Dt.exports=Tu(function({version:n}){function e(t,r){if(!Lt(t,"bpmn:AdHocSubProcess"))return;let o=[];t.get("flowElements").some(Ru)||o.push({message:"Element of type <bpmn:AdHocSubProcess> must contain at least one activity",data:{type:qu.CHILD_ELEMENT_OF_TYPE_REQUIRED,node:t,parentNode:null,requiredType:"bpmn:Activity"}}),Ot(n,Qe)||o.push(...Xe(t,{completionCondition:{allowed:!1,allowedVersion:Qe},cancelRemainingInstances:{allowed:i=>i!==!1,allowedVersion:Qe}},t));let s=xu(t,"zeebe:AdHoc");if(s){let i=Ot(n,Je);if(o.push(...Xe(s,{outputCollection:{allowed:i,allowedVersion:Je},outputElement:{allowed:i,allowedVersion:Je}},t)),o.length){It(t,r,o);return}o.push(...Xe(s,{outputCollection:{dependentRequired:"outputElement"},outputElement:{dependentRequired:"outputCollection"}},t))}o.length&&It(t,r,o)}return{check:e}});function Ru(n){return Lt(n,"bpmn:Activity")}});var be=m((Bh,Ut)=>{var{isString:wu}=(O(),q(S)),{parser:Ft}=(et(),q(Lc)),Nu=["name"],Pu={"zeebe:Input":["target"],"zeebe:Output":["target"],"zeebe:Header":["key","value"],"zeebe:Property":["name","value"],"zeebe:CalledDecision":["resultVariable"],"zeebe:Script":["resultVariable"]},_u=(n,e)=>{if(e.startsWith("$")||Nu.includes(e))return!0;let t=n.$type,r=Pu[t];return r&&r.includes(e)},ku=(n,e,t)=>!_u(n,e)&&wu(t)&&t.startsWith("="),$t="fromAi",Au=["fromai","fromAI"],Cu=["value","description","type","schema","options"];function Iu(n){let e=Ft.parse(n),t=[];function r(o){if(o.type.name==="FunctionInvocation"){let i=o.firstChild;if(i&&i.type.name==="VariableName"){let a=n.slice(i.from,i.to);a.toLowerCase()===$t.toLowerCase()&&t.push({name:a,node:o})}}let s=o.firstChild;for(;s;)r(s),s=s.nextSibling}return r(e.topNode),t}var Ze=n=>{for(;n&&n.type.isSkipped;)n=n.nextSibling;return n};function Ou(n,e){let t=o=>({type:o.type.name,text:e.slice(o.from,o.to)}),r=n.firstChild;for(;r;){if(r.type.name==="PositionalParameters"){let o=[],s=Ze(r.firstChild);for(;s;)o.push(t(s)),s=Ze(s.nextSibling);return o}if(r.type.name==="NamedParameters"){let o=[],s=r.firstChild;for(;s;){if(s.type.name==="NamedParameter"){let i=s.firstChild,a=i&&Ze(i.nextSibling);if(i&&i.type.name==="ParameterName"&&a){let c=Cu.indexOf(e.slice(i.from,i.to));c!==-1&&(o[c]=t(a))}}s=s.nextSibling}return o}r=r.nextSibling}return[]}var Lu=Ft.configure({dialect:"camunda"}),Du=/camunda\.secrets\.[\w-]+/;function Vt(n){return Du.test(n)}function zt(n){if(n.type.isError)return!0;let e=n.firstChild;for(;e;){if(zt(e))return!0;e=e.nextSibling}return!1}function ve(n){let e=[],t=n.firstChild;for(;t;)e.push(t),t=t.nextSibling;return e}function Su(n,e){if(n.type.name!=="PathExpression"||n.parent&&n.parent.type.name==="PathExpression"&&n.parent.firstChild===n)return!1;let t=ve(n);if(t.length!==2||t[1].type.name!=="VariableName")return!1;let[r]=t;if(r.type.name!=="PathExpression")return!1;let o=ve(r);return o.length!==2||o[0].type.name!=="VariableName"||o[1].type.name!=="VariableName"?!1:e.slice(o[0].from,o[0].to)==="camunda"&&e.slice(o[1].from,o[1].to)==="secrets"}function en(n,e){if(Su(n,e))return!0;let t=n.firstChild;for(;t;){if(en(t,e))return!0;t=t.nextSibling}return!1}function Fu(n){return ve(n).filter(e=>e.type.name==="ContextEntry").map(e=>ve(e).pop()).filter(Boolean)}function $u(n){let e=ve(n),t=e.findIndex(o=>o.type.name==="then"),r=e.findIndex(o=>o.type.name==="else");return[t>=0?e[t+1]:null,r>=0?e[r+1]:null]}function nn(n,e){if(!n)return null;if(n.type.name==="List")return en(n,e)?"list":null;if(n.type.name==="Context")return en(n,e)?"context":null;if(n.type.name==="IfExpression"){let[t,r]=$u(n);return nn(t,e)||nn(r,e)}return null}function Mt(n,e){if(n.type.name==="Context"){for(let t of Fu(n)){let r=Mt(t,e);if(r)return r}return null}return nn(n,e)}function Vu(n){let e={stringLiteral:!1,insideList:!1,insideIfBranchContext:!1},r=Lu.parse(n).topNode;if(zt(r))return e;function o(i){if(i.type.name==="StringLiteral"){let c=n.slice(i.from+1,i.to-1);Vt(c)&&(e.stringLiteral=!0)}let a=i.firstChild;for(;a;)o(a),a=a.nextSibling}o(r);let s=Mt(r.firstChild,n);return s==="list"?e.insideList=!0:s==="context"&&(e.insideIfBranchContext=!0),e}Ut.exports={isFeelProperty:ku,findSecretReferenceViolations:Vu,containsSecretReferenceLiteral:Vt,CORRECT_NAME:$t,NAME_ALIASES:Au,findFunctionInvocations:Iu,getArgs:Ou}});var $=m((Kh,Yt)=>{var zu="https://docs.camunda.io/docs/components/modeler/reference/modeling-guidance/rules";function Mu(n,e){let{meta:{documentation:t={},...r}={},...o}=e;return{meta:{documentation:{url:`${zu}/${n}/`,...t},...r},...o}}Yt.exports.annotateRule=Mu});var Bt=m((Hh,jt)=>{var{is:ie}=h(),{getPath:Ie,pathConcat:tn}=(P(),q(N)),{findExtensionElement:Uu,findAncestorAdHocSubProcess:Oe,isAgenticAdHocSubProcess:Le}=g(),{CORRECT_NAME:Gt,NAME_ALIASES:Yu,findFunctionInvocations:De,getArgs:Wt}=be(),{reportErrors:J}=d(),{ERROR_TYPES:w}=R(),{skipInNonExecutableProcess:Gu}=E(),{annotateRule:Wu}=$();function ju(n){switch(n.type){case"StringLiteral":return{message:`fromAi() key must be a FEEL path, not a string literal. Remove the quotes around ${n.text}.`,data:{type:w.AGENT_FEEL_KEY_TYPE_INVALID}};case"null":return{message:'fromAi() key must be a FEEL path starting with "toolCall.", not null.',data:{type:w.AGENT_FEEL_KEY_TYPE_INVALID}};case"NumericLiteral":return{message:'fromAi() key must be a FEEL path starting with "toolCall.", not a number.',data:{type:w.AGENT_FEEL_KEY_TYPE_INVALID}};case"ArithmeticExpression":return{message:'fromAi() key must be a FEEL path starting with "toolCall.", not an arithmetic expression.',data:{type:w.AGENT_FEEL_KEY_TYPE_INVALID}};case"FilterExpression":return{message:'fromAi() key must use dot notation, not bracket notation. Use toolCall.name instead of toolCall["name"].',data:{type:w.AGENT_FEEL_KEY_TYPE_INVALID}};case"VariableName":return{message:`fromAi() key must start with "toolCall.". Use toolCall.${n.text} instead of a bare name.`,data:{type:w.AGENT_FEEL_KEY_PREFIX_MISSING}};case"PathExpression":{if(!n.text.startsWith("toolCall."))return{message:`fromAi() key must start with "toolCall.". Got ${n.text}.`,data:{type:w.AGENT_FEEL_KEY_PREFIX_MISSING}};let e=n.text.split(".");return e.length>2?{message:`fromAi() key must be a single name under toolCall. Use toolCall.${e[e.length-1]} instead of ${n.text}.`,data:{type:w.AGENT_FEEL_KEY_SEGMENTS_INVALID}}:null}case"IfExpression":return{message:'fromAi() key must be a FEEL path starting with "toolCall.", not a conditional expression. The connector requires a plain reference regardless of which branch would apply at runtime.',data:{type:w.AGENT_FEEL_KEY_TYPE_INVALID}};default:return{message:`fromAi() key must be a FEEL path starting with "toolCall.", not a ${n.type}.`,data:{type:w.AGENT_FEEL_KEY_TYPE_INVALID}}}}function Bu(n){return n.type!=="StringLiteral"?{message:"fromAi() description must be a string literal: a quoted string describing what the agent should provide.",data:{type:w.AGENT_FEEL_DESCRIPTION_TYPE_INVALID}}:null}jt.exports=Gu(function(n={}){let{version:e}=n;function t(i,a){if(ie(i,"bpmn:Activity")){r(i,a);return}if(ie(i,"zeebe:Output")){o(i,a);return}if(ie(i,"bpmn:SequenceFlow")){s(i,a);return}if(!ie(i,"zeebe:Input"))return;let c=i.get("source");if(!c||!c.startsWith("="))return;let l=c.substring(1).trim(),u=De(l);if(u.length===0)return;let p=i.$parent&&i.$parent.$parent&&i.$parent.$parent.$parent;if(!p||!ie(p,"bpmn:FlowNode"))return;let v=tn(Ie(i,p),"source"),b=Oe(p);if(!b){J(p,a,u.map(()=>({message:"fromAi() should only be used inside an agentic sub-process.",data:{type:w.AGENT_FEEL_WRONG_CONTEXT},path:v})));return}if(!Le(b,e)){let _=b.get("name")||b.get("id");J(p,a,u.map(()=>({message:`The "${_}" sub-process is not marked as agentic, so fromAi() has no effect.`,data:{type:w.AGENT_FEEL_WRONG_CONTEXT},path:v})));return}if((p.get("incoming")||[]).length>0||p.$parent!==b){J(p,a,u.map(()=>({message:"fromAi() is ignored here: only the tool's entry element defines AI inputs. Define it there and read the toolCall variable directly.",data:{type:w.AGENT_FEEL_NON_ENTRY_ELEMENT},path:v})));return}let D=[];for(let _ of u){if(_.name!==Gt&&Yu.includes(_.name.toLowerCase())){D.push({message:`Wrong function name "${_.name}". Use ${Gt} (case-sensitive).`,data:{type:w.AGENT_FEEL_FUNCTION_NAME_INVALID}});continue}let Y=Wt(_.node,l);if(!Y[0]){D.push({message:"fromAi() requires a key argument: a FEEL path like toolCall.url.",data:{type:w.AGENT_FEEL_KEY_MISSING}});continue}let K=ju(Y[0]);if(K&&D.push(K),Y[1]){let Wn=Bu(Y[1]);Wn&&D.push(Wn)}}D.length&&J(p,a,D.map(_=>({..._,path:v})))}return Wu("agent-fromai-contract",{check:t});function r(i,a){if((i.get("incoming")||[]).length>0)return;let l=Oe(i);if(!l||!Le(l,e)||i.$parent!==l)return;let u=Uu(i,"zeebe:IoMapping");if(!u)return;let p={};for(let b of u.get("inputParameters")||[]){let T=b.get("source");if(!T||!T.startsWith("="))continue;let D=T.substring(1).trim();for(let _ of De(D)){let K=Wt(_.node,D)[0];K&&K.type==="PathExpression"&&K.text.startsWith("toolCall.")&&(p[K.text]=p[K.text]||[]).push(b)}}let v=Object.keys(p).filter(b=>p[b].length>1);v.length&&J(i,a,v.map(b=>({message:`fromAi() key ${b} is declared more than once in this tool. Declare it once and reference it directly elsewhere.`,data:{type:w.AGENT_FEEL_KEY_DUPLICATE},paths:p[b].map(T=>tn(Ie(T,i),"source"))})))}function o(i,a){let c=i.get("source");if(!c||!c.startsWith("="))return;let l=c.substring(1).trim(),u=De(l);if(!u.length)return;let p=i.$parent&&i.$parent.$parent&&i.$parent.$parent.$parent;if(!p||!ie(p,"bpmn:FlowNode"))return;let v=Oe(p);if(!v||!Le(v,e))return;let b=tn(Ie(i,p),"source");J(p,a,u.map(()=>({message:"fromAi() defines a tool input and has no effect in an output mapping. Define it in an input mapping on the tool's entry element.",data:{type:w.AGENT_FEEL_WRONG_CONTEXT},path:b})))}function s(i,a){let c=i.get("conditionExpression"),l=c&&c.get("body");if(!l||!l.startsWith("="))return;let u=l.substring(1).trim(),p=De(u);if(!p.length)return;let v=Oe(i);!v||!Le(v,e)||J(i,a,p.map(()=>({message:"fromAi() defines a tool input and cannot be used in a sequence flow condition. Define it in an input mapping on the tool's entry element.",data:{type:w.AGENT_FEEL_WRONG_CONTEXT},path:Ie(c,i)})))}})});var Ht=m((Xh,Kt)=>{var{isAgenticToolElement:Ku}=g(),{reportErrors:Hu}=d(),{ERROR_TYPES:Xu}=R(),{skipInNonExecutableProcess:Qu}=E(),{annotateRule:Ju}=$();Kt.exports=Qu(function(n={}){let{version:e}=n;function t(r,o){if(!Ku(r,e))return;(r.get("documentation")||[]).map(a=>a.get("text")||"").join("").trim()||Hu(r,o,[{message:"Tool documentation is missing.",data:{type:Xu.AGENT_TOOL_DOCUMENTATION_MISSING},path:["documentation"]}])}return Ju("agent-tool-documentation",{check:t})})});var tr=m((Qh,nr)=>{var{is:X}=h(),{getPath:Jt,pathConcat:Zt}=(P(),q(N)),{isAgenticToolElement:Zu}=g(),{reportErrors:ye,getName:el}=d(),{ERROR_TYPES:qe}=R(),{skipInNonExecutableProcess:nl}=E(),{annotateRule:tl}=$();nr.exports=nl(function(n={}){let{version:e}=n;function t(r,o){if(!Zu(r,e))return;let{channels:s,linear:i}=rl(r);if(!s.length){ye(r,o,{message:'Tool returns nothing to the agent. Set a "toolCallResult" (at minimum, note the task completed).',data:{type:qe.AGENT_TOOL_RESULT_MISSING},path:sl(r)});return}if(!s.some(rn)){for(let c of s)Xt(c)?ye(c.element,o,{message:`Wrong casing "${Qt(c)}": use toolCallResult (case-sensitive).`,data:{type:qe.AGENT_TOOL_OUTPUT_KEY_CASING_INVALID},path:Se(c)}):ye(c.element,o,{message:'"toolCallResult" output is not mapped.',data:{type:qe.AGENT_TOOL_OUTPUT_KEY_INVALID},path:Se(c)});return}for(let c of s)Xt(c)&&ye(c.element,o,{message:`Wrong casing "${Qt(c)}": use toolCallResult (case-sensitive).`,data:{type:qe.AGENT_TOOL_OUTPUT_KEY_CASING_INVALID},path:Se(c)});if(i){let c=s.filter(rn).filter(al);for(let l=1;l<c.length;l++){let u=c[l],p=c[l-1],v=el(p.element)||p.element.get("id");ye(u.element,o,{message:`This overwrites the "toolCallResult" value set on "${v}".`,data:{type:qe.AGENT_TOOL_OUTPUT_KEY_OVERWRITE},path:Se(u)})}}}return tl("agent-tool-output-key",{check:t})});function rl(n){let e=[],t=new Set,r=[n],o=!0;for(;r.length;){let s=r.shift(),i=s.get("id");if(i&&t.has(i))continue;t.add(i),ol(s,e);let a=s.get("outgoing")||[],c=s.get("incoming")||[];(a.length>1||c.length>1)&&(o=!1);for(let p of a){let v=p.get("targetRef");v&&r.push(v)}let l=s.$parent,u=l&&l.get&&l.get("flowElements");for(let p of u||[])X(p,"bpmn:BoundaryEvent")&&p.get("attachedToRef")===s&&(o=!1,r.push(p));if(X(s,"bpmn:SubProcess"))for(let p of s.get("flowElements")||[])X(p,"bpmn:FlowNode")&&r.push(p)}return{channels:e,linear:o}}function ol(n,e){let t=n.get("extensionElements");if(t)for(let r of t.get("values")){if(X(r,"zeebe:IoMapping"))for(let o of r.get("outputParameters")||[])e.push({kind:"output",value:o.get("target")||"",source:o.get("source"),element:n,node:o,property:"target"});if(X(r,"zeebe:Script")||X(r,"zeebe:CalledDecision")){let o=r.get("resultVariable");o&&e.push({kind:"resultVariable",value:o,element:n,node:r,property:"resultVariable"})}if(X(r,"zeebe:TaskHeaders"))for(let o of r.get("values")||[]){let s=o.get("key");s==="resultVariable"&&e.push({kind:"resultVariable",value:o.get("value")||"",element:n,node:o,property:"value"}),s==="resultExpression"&&e.push({kind:"resultExpression",value:o.get("value")||"",element:n,node:o,property:"value"})}}}function Se(n){return Zt(Jt(n.node,n.element),n.property)}function sl(n){let e=n.get("extensionElements");if(!e)return null;let t=(e.get("values")||[]).find(r=>X(r,"zeebe:IoMapping"));return t?Zt(Jt(t,n),"outputParameters"):null}function rn({kind:n,value:e}){return n==="resultExpression"?/\btoolCallResult\b/.test(e):e==="toolCallResult"||e.startsWith("toolCallResult.")}function Xt({kind:n,value:e}){if(n==="resultExpression")return!!er(e);let t=e.toLowerCase();return(t==="toolcallresult"||t.startsWith("toolcallresult."))&&!rn({kind:n,value:e})}function er(n){return(n.match(/\btoolcallresult\b/gi)||[]).find(t=>t!=="toolCallResult")||null}function Qt({kind:n,value:e}){return n==="resultExpression"&&er(e)||e}var il=/^=?\s*context\s+put\s*\(\s*toolCallResult\s*,/;function al({kind:n,value:e,source:t}){return n==="resultExpression"||n==="resultVariable"?!0:e!=="toolCallResult"?!1:!il.test(t||"")}});var or=m((Jh,rr)=>{var{is:cl}=h(),{getPath:ul,pathConcat:ll}=(P(),q(N)),{ERROR_TYPES:pl,findExtensionElement:ml}=g(),{reportErrors:fl}=d(),{skipInNonExecutableProcess:gl}=E();rr.exports=gl(function(){function n(e,t){if(dl(e))return;let r=ml(e,"zeebe:ExecutionListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>i.get("eventType")!=="beforeAll"?[]:[{message:"Property <eventType> of <zeebe:ExecutionListener> with value <beforeAll> only allowed on multi-instance elements",path:ll(ul(i,e),"eventType"),data:{type:pl.PROPERTY_VALUE_NOT_ALLOWED,node:i,parentNode:e,property:"eventType"}}]);s.length&&fl(e,t,s)}return{check:n}});function dl(n){let e=n.get("loopCharacteristics");return!!e&&cl(e,"bpmn:MultiInstanceLoopCharacteristics")}});var ar=m((Zh,xe)=>{var{is:sr}=h();function El(n,e){return function(){function t(r,o){sr(r,n)&&o.report(r.id,"Element type <"+n+"> is discouraged")}return ir(e,{check:t})}}xe.exports.checkDiscouragedNodeType=El;function on(n,e){if(!n)return null;let t=n.$parent;return t?sr(t,e)?t:on(t,e):n}xe.exports.findParent=on;function hl(n){let e=on(n,"bpmn:Process");return e&&e.isExecutable}xe.exports.isInExecutableProcess=hl;var vl="https://github.com/bpmn-io/bpmnlint/blob/main/docs/rules";function ir(n,e){let{meta:{documentation:t={},...r}={},...o}=e;return{meta:{documentation:{url:`${vl}/${n}.md`,...t},...r},...o}}xe.exports.annotateRule=ir});var ur=m((ev,cr)=>{var{is:sn,isAny:bl}=h(),{annotateRule:yl}=ar();cr.exports=function(){function n(t){return(t.flowElements||[]).some(o=>sn(o,"bpmn:StartEvent"))}function e(t,r){if(!(!bl(t,["bpmn:Process","bpmn:SubProcess"])||sn(t,"bpmn:AdHocSubProcess"))&&!n(t)){let o=sn(t,"bpmn:SubProcess")?"Sub process":"Process";r.report(t.id,o+" is missing start event")}}return yl("start-event-required",{check:e})}});var mr=m((nv,pr)=>{var{is:ql}=h(),{findExtensionElement:xl,hasExtensionElement:Tl,hasProperties:Rl}=g(),{annotateRule:wl}=$(),{reportErrors:lr}=d(),{skipInNonExecutableProcess:Nl}=E(),{greaterOrEqual:Pl}=k(),_l="8.10",kl=256;pr.exports=Nl(function({version:n}){function e(t,r){if(!ql(t,"bpmn:CallActivity"))return;let o=Tl(t,"zeebe:CalledElement",t);if(o&&o.length){lr(t,r,o);return}let s=xl(t,"zeebe:CalledElement");o=Rl(s,{processId:{required:!0},businessId:{allowed:i=>Al(i,n)}},t),o&&o.length&&lr(t,r,o)}return wl("called-element",{check:e})});function Al(n,e){return!n||n.startsWith("=")||!Pl(e,_l)?!0:n.length<kl}});var gr=m((tv,fr)=>{var{isAny:Cl}=h(),{findExtensionElement:Il,hasProperties:Ol}=g(),{reportErrors:Ll}=d(),{skipInNonExecutableProcess:Dl}=E();fr.exports=Dl(function(){function n(e,t){if(Cl(e,["bpmn:Process","bpmn:Participant"]))return;let r=Il(e,"zeebe:ExecutionListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>Ol(i,{eventType:{allowed:a=>a!=="cancel"}},e));s.length&&Ll(e,t,s)}return{check:n}})});var hr=m((rv,Er)=>{var{is:dr}=h(),{ERROR_TYPES:Sl}=g(),{reportErrors:Fl}=d(),{skipInNonExecutableProcess:$l}=E();Er.exports=$l(function(){function n(e,t){if(!Vl(e))return;let r=e.bpmnElement,o={message:`A <${r.$type}> must be expanded`,data:{type:Sl.ELEMENT_COLLAPSED_NOT_ALLOWED,node:r,parentNode:null,allowedVersion:"8.4"}};Fl(r,t,o)}return{check:n}});function Vl(n){return dr(n,"bpmndi:BPMNShape")&&dr(n.get("bpmnElement"),"bpmn:SubProcess")&&n.get("isExpanded")!==!0}});var yr=m((ov,br)=>{var{getPath:zl,pathConcat:Ml}=(P(),q(N)),{findExtensionElement:Ul}=g(),{ERROR_TYPES:Yl}=R(),vr="inbound.type";br.exports={messageTtl:{version:"8.6",getError:n=>cn(n,"messageTtl","8.6"),getProperty:n=>ae(n,"messageTtl"),isConnector:n=>an(n,["io.camunda:webhook:1","io.camunda:connector-rabbitmq-inbound:1","io.camunda:http-polling:1","io.camunda:connector-kafka-inbound:1","io.camunda:slack-webhook:1","io.camunda:aws-sqs-inbound:1","io.camunda:aws-sns-webhook:1"])},consumeUnmatchedEvents:{version:"8.6",getError:n=>cn(n,"consumeUnmatchedEvents","8.6"),getProperty:n=>ae(n,"consumeUnmatchedEvents"),isConnector:n=>an(n,["io.camunda:webhook:1","io.camunda:connector-rabbitmq-inbound:1","io.camunda:http-polling:1","io.camunda:connector-kafka-inbound:1","io.camunda:slack-webhook:1","io.camunda:aws-sqs-inbound:1","io.camunda:aws-sns-webhook:1"])},deduplicationModeManualFlag:{version:"8.6",getError:n=>cn(n,"deduplicationModeManualFlag","8.6"),getProperty:n=>ae(n,"deduplicationModeManualFlag"),isConnector:n=>an(n,["io.camunda:connector-rabbitmq-inbound:1","io.camunda:http-polling:1","io.camunda:connector-kafka-inbound:1","io.camunda:aws-sqs-inbound:1"])}};function an(n,e){let t=ae(n,vr);return t&&e.includes(t.get("value"))}function ae(n,e){let t=Ul(n,"zeebe:Properties");return t?t.get("properties").find(r=>r.get("name")===e):!1}function cn(n,e,t){let r=ae(n,e),o=ae(n,vr),s=zl(r,n);return{message:`Connector property <name> with value <${e}> only allowed by Camunda ${t} or newer.`,path:Ml(s||[],"name"),data:{type:Yl.CONNECTORS_PROPERTY_VALUE_NOT_ALLOWED,node:r,parentNode:n,property:"name",allowedVersion:t,connectorProperty:{node:o,properties:["name","value"]}}}}});var xr=m((sv,qr)=>{var{isAny:Gl}=h(),Wl=yr(),{reportErrors:jl}=d(),{skipInNonExecutableProcess:Bl}=E(),{greaterOrEqual:Kl}=k();qr.exports=Bl(function({version:n}){function e(t,r){if(!Gl(t,["bpmn:FlowElement","bpmn:FlowElementsContainer"]))return;let o=Object.entries(Wl).reduce((s,[i,{getError:a,getProperty:c,isConnector:l,version:u}])=>Kl(n,u)||!l(t)?s:c(t)?[...s,a(t)]:s,[]);o.length&&jl(t,r,o)}return{check:e}})});var Rr=m((iv,Tr)=>{var{findExtensionElement:Hl,hasDuplicatedPropertyValues:Xl}=g(),{reportErrors:Ql}=d(),{skipInNonExecutableProcess:Jl}=E();Tr.exports=Jl(function(){function n(e,t){let r=Hl(e,"zeebe:ExecutionListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>{let a=i.get("headers");return a?Xl(a,"values","key",e)||[]:[]});s.length&&Ql(e,t,s)}return{check:n}})});var Nr=m((av,wr)=>{var{findExtensionElement:Zl,hasDuplicatedPropertiesValues:ep}=g(),{reportErrors:np}=d(),{skipInNonExecutableProcess:tp}=E();wr.exports=tp(function(){function n(e,t){let r=Zl(e,"zeebe:ExecutionListeners");if(!r)return;let o=rp(r,e);o&&o.length&&np(e,t,o)}return{check:n}});function rp(n,e=null){return ep(n,"listeners",["eventType","type"],e)}});var kr=m((cv,_r)=>{var{is:un,isAny:op}=h(),{findExtensionElement:Pr,getMessageEventDefinition:sp,hasDuplicatedPropertyValues:ip}=g(),{reportErrors:ap}=d(),{skipInNonExecutableProcess:cp}=E();_r.exports=cp(function(){function n(e,t){if(!un(e,"bpmn:UserTask")&&!up(e))return;let r=Pr(e,"zeebe:TaskHeaders");if(!r)return;let o=ip(r,"values","key",e);o&&o.length&&ap(e,t,o)}return{check:n}});function up(n){return un(n,"zeebe:ZeebeServiceTask")?!0:op(n,["bpmn:EndEvent","bpmn:IntermediateThrowEvent"])?sp(n):un(n,"bpmn:BusinessRuleTask")?Pr(n,"zeebe:TaskDefinition"):!1}});var ln=m((uv,Ar)=>{Ar.exports={"bpmn:Association":"1.0","bpmn:BoundaryEvent":{"bpmn:CompensateEventDefinition":"8.5","bpmn:ConditionalEventDefinition":"8.9","bpmn:ErrorEventDefinition":"1.0","bpmn:EscalationEventDefinition":"8.2","bpmn:MessageEventDefinition":"1.0","bpmn:TimerEventDefinition":"1.0","bpmn:SignalEventDefinition":"8.3"},"bpmn:BusinessRuleTask":"1.1","bpmn:CallActivity":"1.0","bpmn:Collaboration":"1.0","bpmn:DataObject":"8.0","bpmn:DataObjectReference":"8.0","bpmn:DataStoreReference":"8.0","bpmn:Definitions":"1.0","bpmn:EndEvent":{_:"1.0","bpmn:CompensateEventDefinition":"8.5","bpmn:ErrorEventDefinition":"1.0","bpmn:EscalationEventDefinition":"8.2","bpmn:MessageEventDefinition":"1.2","bpmn:SignalEventDefinition":"8.3","bpmn:TerminateEventDefinition":"8.1"},"bpmn:EventBasedGateway":"1.0","bpmn:ExclusiveGateway":"1.0","bpmn:Group":"1.0","bpmn:InclusiveGateway":"8.1","bpmn:IntermediateCatchEvent":{"bpmn:ConditionalEventDefinition":"8.9","bpmn:MessageEventDefinition":"1.0","bpmn:LinkEventDefinition":"8.2","bpmn:TimerEventDefinition":"1.0","bpmn:SignalEventDefinition":"8.3"},"bpmn:IntermediateThrowEvent":{_:"1.1","bpmn:CompensateEventDefinition":"8.5","bpmn:EscalationEventDefinition":"8.2","bpmn:LinkEventDefinition":"8.2","bpmn:MessageEventDefinition":"1.2","bpmn:SignalEventDefinition":"8.3"},"bpmn:ManualTask":"1.1","bpmn:MessageFlow":"1.0","bpmn:ParallelGateway":"1.0","bpmn:Participant":"1.0","bpmn:Process":"1.0","bpmn:ReceiveTask":"1.0","bpmn:ScriptTask":"1.1","bpmn:SendTask":"1.1","bpmn:SequenceFlow":"1.0","bpmn:ServiceTask":"1.0","bpmn:StartEvent":{_:"1.0","bpmn:ConditionalEventDefinition":"8.9","bpmn:ErrorEventDefinition":"1.0","bpmn:EscalationEventDefinition":"8.2","bpmn:MessageEventDefinition":"1.0","bpmn:SignalEventDefinition":"8.2","bpmn:TimerEventDefinition":"1.0"},"bpmn:SubProcess":"1.0","bpmn:Task":"8.2","bpmn:TextAnnotation":"1.0","bpmn:UserTask":"1.0","bpmn:AdHocSubProcess":"8.7"}});var Or=m((lv,Ir)=>{var{isString:lp}=(O(),q(S)),{isAny:Cr}=h(),pp=ln(),{greaterOrEqual:pn}=k(),{getEventDefinition:mp}=g(),{ERROR_TYPES:mn}=R(),{reportErrors:fn}=d(),{skipInNonExecutableProcess:fp}=E(),{annotateRule:gp}=$();Ir.exports=fp(function({version:n}){function e(t,r){if(!Cr(t,["bpmn:FlowElement","bpmn:FlowElementsContainer"]))return;let o=pp[t.$type];if(!o||lp(o)&&!pn(n,o)){let i=o||null,a=`Element of type <${t.$type}> not allowed`,c={type:mn.ELEMENT_TYPE_NOT_ALLOWED,node:t,parentNode:null};i&&(a=`Element of type <${t.$type}> only allowed by Camunda ${i} or newer`,c={...c,allowedVersion:i}),fn(t,r,{message:a,path:null,data:c});return}if(!Cr(t,["bpmn:CatchEvent","bpmn:ThrowEvent"]))return;let s=mp(t);if(s){if(!o[s.$type]||!pn(n,o[s.$type])){let i=o[s.$type]||null,a=`Element of type <${t.$type}> with event definition of type <${s.$type}> not allowed`,c={type:mn.ELEMENT_TYPE_NOT_ALLOWED,node:t,parentNode:null,eventDefinition:s};i&&(a=`Element of type <${t.$type}> with event definition of type <${s.$type}> only allowed by Camunda ${i} or newer`,c={...c,allowedVersion:i}),fn(t,r,{message:a,path:null,data:c})}}else if(!o._||!pn(n,o._)){let i=o._||null,a=`Element of type <${t.$type}> with no event definition not allowed`,c={type:mn.ELEMENT_TYPE_NOT_ALLOWED,node:t,parentNode:null,eventDefinition:s};i&&(a=`Element of type <${t.$type}> with no event definition only allowed by Camunda ${i} or newer`,c={...c,allowedVersion:i}),fn(t,r,{message:a,path:null,data:c})}}return gp("element-type",{check:e})})});var $r=m((pv,Fr)=>{var{is:Sr,isAny:dp}=h(),{getEventDefinition:Ep,getReferencePath:hp,hasProperties:Lr}=g(),{reportErrors:Dr}=d(),{skipInNonExecutableProcess:vp}=E(),{greaterOrEqual:bp}=k(),{annotateRule:yp}=$(),qp="8.2";Fr.exports=vp(function({version:n}){function e(t,r){if(!dp(t,["bpmn:CatchEvent","bpmn:ThrowEvent"]))return;let o=Ep(t);if(!o||!Sr(o,"bpmn:ErrorEventDefinition"))return;let s=[];if(!xp(t,n)&&(s=Lr(o,{errorRef:{required:!0,allowedVersion:"8.2"}},t),s.length)){Dr(t,r,s);return}let i=o.get("errorRef");if(!i)return;let a=hp({element:t,referenceHolder:o,referenceProperty:"errorRef",referencedRoot:i,node:i});s=Lr(i,{errorCode:{required:!0}},t,a),s.length&&Dr(t,r,s)}return yp("error-reference",{check:e})});function xp(n,e){return Sr(n,"bpmn:CatchEvent")&&bp(e,qp)}});var Mr=m((mv,zr)=>{var{is:Vr,isAny:Tp}=h(),{getEventDefinition:Rp}=g(),{ERROR_TYPES:wp}=R(),{reportErrors:Np}=d(),{skipInNonExecutableProcess:Pp}=E();zr.exports=Pp(function(){function n(e,t){if(!Tp(e,["bpmn:CatchEvent","bpmn:ThrowEvent"]))return;let r=Rp(e);if(!r||!Vr(r,"bpmn:EscalationEventDefinition"))return;let o=e.get("attachedToRef");o&&Vr(o,"bpmn:Task")&&Np(e,t,{message:`Element of type <bpmn:BoundaryEvent> with event definition of type <bpmn:EscalationEventDefinition> is not allowed to be attached to element of type <${o.$type}>`,path:null,data:{type:wp.ATTACHED_TO_REF_ELEMENT_TYPE_NOT_ALLOWED,node:e,parentNode:null,attachedToRef:o}})}return{check:n}})});var jr=m((fv,Wr)=>{var{is:_p,isAny:Gr}=h(),{getEventDefinition:kp,getReferencePath:Ap,hasProperties:Ur}=g(),{reportErrors:Yr}=d(),{skipInNonExecutableProcess:Cp}=E(),{annotateRule:Ip}=$();Wr.exports=Cp(function(){function n(e,t){if(!Gr(e,["bpmn:CatchEvent","bpmn:ThrowEvent"]))return;let r=kp(e);if(!r||!_p(r,"bpmn:EscalationEventDefinition"))return;let o=[];if(!Op(e)&&(o=Ur(r,{escalationRef:{required:!0}},e),o.length)){Yr(e,t,o);return}let s=r.get("escalationRef");if(!s)return;let i=Ap({element:e,referenceHolder:r,referenceProperty:"escalationRef",referencedRoot:s,node:s});o=Ur(s,{escalationCode:{required:!0}},e,i),o.length&&Yr(e,t,o)}return Ip("escalation-reference",{check:n})});function Op(n){return Gr(n,["bpmn:CatchEvent","bpmn:BoundaryEvent"])}});var Hr=m((gv,Kr)=>{var{is:Br}=h(),{ERROR_TYPES:Lp}=g(),{reportErrors:Dp}=d(),{skipInNonExecutableProcess:Sp}=E();Kr.exports=Sp(function(){function n(e,t){if(!Br(e,"bpmn:ReceiveTask"))return;e.get("incoming").some(o=>{let s=o.get("sourceRef");return Br(s,"bpmn:EventBasedGateway")})&&Dp(e,t,{message:"Element of type <bpmn:ReceiveTask> not allowed as event-based gateway target",path:null,data:{type:Lp.EVENT_BASED_GATEWAY_TARGET_NOT_ALLOWED,node:e,parentNode:null}})}return{check:n}})});var Jr=m((dv,Qr)=>{var{is:gn}=h(),{hasProperties:Fp}=g(),{reportErrors:$p}=d();Qr.exports=function(){function n(e,t){if(!gn(e,"bpmn:Definitions"))return;let r=e.get("rootElements"),o=r.find(a=>gn(a,"bpmn:Collaboration")),s=r.filter(a=>gn(a,"bpmn:Process")),i=[];for(let a of s){let c=Xr(a,o);i=[...i,...Fp(a,{isExecutable:{value:!0}},c)]}i.length>s.length-1&&i.forEach(a=>{let{data:c}=a,{node:l}=c;$p(Xr(l,o),t,a)})}return{check:n}};function Xr(n,e){if(!e)return n;let r=e.get("participants").find(o=>o.get("processRef")===n);return r||n}});var eo=m((Ev,Zr)=>{var{findExtensionElement:Vp,hasProperties:zp}=g(),{reportErrors:Mp}=d(),{skipInNonExecutableProcess:Up}=E();Zr.exports=Up(function(){function n(e,t){let r=Vp(e,"zeebe:ExecutionListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>zp(i,{type:{required:!0}},e));s.length&&Mp(e,t,s)}return{check:n}})});var vn={};Bn(vn,{FeelAnalyzer:()=>dn});function Yp(n){return n.replace(/^`|`$/g,"")}function L(n,e){return Yp(e.substring(n.from,n.to))}function Q(n,e){return e.some(t=>t.has(n))}function V(n,e,t){let r=new Set(e);n.push(r);let o=t(r);return n.pop(),o}function y(n,e){let t=n.firstChild;for(;t;)e(t),t=t.nextSibling}function Fe(n,e){let t=[];return y(n,r=>{r.name==="PathExpression"?t.push(...Fe(r,e)):r.name==="VariableName"&&t.push(L(r,e))}),t}function to(n){let e=n.firstChild;return e?e.name==="Context"?!0:e.name==="PathExpression"?to(e):!1:!1}function ro(n,e){let t=[];return y(n,r=>{if(r.name==="ContextEntry"){let o=r.getChild("Key")?.getChild("Name");o&&t.push(L(o,e))}}),t}function En(n,e){let t=[],r=n.getChild("InExpressions");return r&&y(r,o=>{if(o.name==="InExpression"){let s=o.getChild("Name")?.getChild("Identifier");s&&t.push(e.substring(s.from,s.to))}}),t}function hn(n,e){let t=[],r=n.getChild("FormalParameters");return r&&y(r,o=>{if(o.name==="FormalParameter"){let s=o.getChild("ParameterName")?.getChild("Name")?.getChild("Identifier");s&&t.push(e.substring(s.from,s.to))}}),t}function U(n,e){return n.find(t=>t.name===e)}function Gp(n,e){let t=U(n,e);return t||(t={name:e},n.push(t)),t}function oo(n,e){let t=Gp(n,e[0]);if(e.length<=1||(t.type||(t.type="Context",t.entries=t.entries||[]),t.type!=="Context"))return;let r=t.entries;for(let o=1;o<e.length;o++){let s=e[o],i=o===e.length-1,a=U(r,s);a?!i&&!a.type&&(a.type="Context",a.entries=a.entries||[]):(a=i?{name:s}:{name:s,type:"Context",entries:[]},r.push(a)),i||(a.entries=a.entries||[],r=a.entries)}}function so(n){if(n.entries){n.entries.sort((e,t)=>e.name.localeCompare(t.name));for(let e of n.entries)so(e)}}function Wp(n,e,t){let r=new Set,o=[new Set];function s(a,c){return!Q(a,o)&&!t.has(a)&&!(c!=="none"&&a==="item")}let i=(a,c="none")=>{let{name:l}=a;if(!a.type.isError){if(l==="FunctionInvocation"){let u=a.getChild("VariableName");if(u){let p=L(u,e);s(p,c)&&r.add(p)}y(a,p=>{p.name!=="VariableName"&&p.name!=="("&&p.name!==")"&&i(p,c)});return}if(l==="PathExpression"){if(to(a))y(a,u=>i(u,c));else{let u=Fe(a,e);u.length>0&&s(u[0],c)&&r.add(u.join("."))}return}if(l==="VariableName"&&a.parent?.name!=="PathExpression"&&a.parent?.name!=="FunctionInvocation"){let u=L(a,e),p=c==="variable-list"&&u!=="item";s(u,c)&&!p&&r.add(u);return}if(l==="Context"&&a.parent?.name!=="List"){V(o,[],u=>{y(a,p=>{if(p.name==="ContextEntry"){y(p,b=>{b.name!=="Key"&&i(b,c)});let v=p.getChild("Key")?.getChild("Name");v&&u.add(L(v,e))}})});return}if(l==="FilterExpression"){let u="none",p=["item"],v=a.getChild("List");v?(y(v,b=>{b.name==="Context"&&p.push(...ro(b,e))}),u="list-literal"):y(a,b=>{b.name==="VariableName"&&(i(b,"none"),u="variable-list")}),V(o,p,()=>{y(a,b=>{(b.name==="Comparison"||b.name==="Expression")&&i(b,u)})});return}if(l==="ForExpression"||l==="QuantifiedExpression"){let u=En(a,e),p=a.getChild("InExpressions");p&&y(p,v=>{v.name==="InExpression"&&y(v,b=>{b.name!=="Name"&&b.name!=="in"&&b.name!=="Identifier"&&i(b,c)})}),V(o,u,()=>{y(a,v=>{io.has(v.name)||i(v,"none")})});return}if(l==="FunctionDefinition"){let u=hn(a,e);V(o,u,()=>{let p=a.getChild("FunctionBody");p&&i(p,"none")});return}y(a,u=>i(u,c))}};return i(n),Array.from(r).sort()}function jp(n){let e=[];for(let t of n)oo(e,t.split("."));return e}function ao(n){let e=!1,t=!1;return y(n,r=>{if(r.name==="StringLiteral")e=!0;else if(r.name==="NumericLiteral")t=!0;else if(r.name==="ArithmeticExpression"){let o=ao(r);e=e||o.hasString,t=t||o.hasNumber}}),{hasString:e,hasNumber:t}}function co(n,e,t,r,o){if(n.name==="VariableName"&&n.parent?.name!=="PathExpression"){let s=L(n,e),i=U(t,s);!Q(s,r)&&i&&!i.type&&(i.type=o)}else if(n.name==="PathExpression"){let s=Fe(n,e);if(s.length>0){let i=s[0],a=U(t,i);!Q(i,r)&&a&&!a.type&&(a.type=o)}}else y(n,s=>{co(s,e,t,r,o)})}function Bp(n,e,t,r,o){let s=t?U(r,t):null;if(!s)return;let i=a=>{if(s.type==="List"){if(a.name==="PathExpression"){let c=[];if(y(a,l=>{l.name==="VariableName"&&c.push(L(l,e))}),c.length>1&&c[0]==="item"){let l=s.entries||[];for(let u=1;u<c.length;u++)U(l,c[u])||l.push({name:c[u]});s.entries=l}}else if(a.name==="VariableName"){let c=L(a,e);if(!Q(c,o)&&c!=="item"&&a.parent?.name!=="PathExpression"){let l=s.entries||[];U(l,c)||l.push({name:c}),s.entries=l}}y(a,i)}};i(n)}function no(n,e,t,r,o){if(n.name!=="VariableName")return;let s=L(n,t),i=U(r,s);if(Q(s,o)||!i||i.type)return;let c={NumericLiteral:"Number",StringLiteral:"String",BooleanLiteral:"Boolean"}[e.name];c&&(i.type=c)}function W(n,e,t,r,o="none"){let{name:s}=n;if(s==="PathExpression"){let i=n.firstChild;if(i?.name==="Context"||i?.name==="PathExpression"){W(i,e,t,r,o);return}let a=Fe(n,e);if(a.length>0){let c=a[0];!Q(c,r)&&!(o!=="none"&&c==="item")&&U(t,c)&&oo(t,a)}return}if(s==="Context"&&n.parent?.name!=="List"){V(r,[],i=>{y(n,a=>{if(a.name==="ContextEntry"){y(a,l=>{l.name!=="Key"&&W(l,e,t,r,o)});let c=a.getChild("Key")?.getChild("Name");c&&i.add(L(c,e))}})});return}if(s==="FilterExpression"){let i="none",a=null,c=["item"],l=n.getChild("List");l?(y(l,u=>{u.name==="Context"&&c.push(...ro(u,e))}),i="list-literal"):y(n,u=>{if(u.name==="VariableName"){a=L(u,e);let p=U(t,a);!Q(a,r)&&p&&(p.type||(p.type="List")),i="variable-list"}}),V(r,c,()=>{y(n,u=>{(u.name==="Comparison"||u.name==="Expression")&&(Bp(u,e,a,t,r),W(u,e,t,r,i))})});return}if(s==="Comparison"){let i=[];y(n,a=>{a.name!=="CompareOp"&&i.push(a)}),i.length===2&&(no(i[0],i[1],e,t,r),no(i[1],i[0],e,t,r))}if(s==="ArithmeticExpression"){let{hasString:i,hasNumber:a}=ao(n),c=i&&!a?"String":!i&&a?"Number":null;c&&co(n,e,t,r,c),y(n,l=>{["ArithmeticExpression","ArithOp","NumericLiteral","StringLiteral"].includes(l.name)||W(l,e,t,r,o)});return}if(s==="ForExpression"||s==="QuantifiedExpression"){let i=En(n,e),a=n.getChild("InExpressions");a&&y(a,c=>{c.name==="InExpression"&&y(c,l=>{["Name","in","Identifier"].includes(l.name)||W(l,e,t,r,o)})}),V(r,i,()=>{y(n,c=>{io.has(c.name)||W(c,e,t,r,"none")})});return}if(s==="FunctionDefinition"){let i=hn(n,e);V(r,i,()=>{let a=n.getChild("FunctionBody");a&&W(a,e,t,r,"none")});return}y(n,i=>{W(i,e,t,r,o)})}function Kp(n,e,t){let r=Wp(n,e,t),o=jp(r);W(n,e,o,[new Set]);for(let i of o)so(i);return o.sort((i,a)=>i.name.localeCompare(a.name)),o}function Xp(n,e,t){let r=new Map,o=[],s=a=>{let c=L(a,e),l=!Q(c,o)&&t.has(c)?"builtin":"user",u=r.get(c);if(!u){r.set(c,{name:c,type:l});return}u.type==="builtin"&&l==="user"&&(u.type="user")},i=a=>{let{name:c}=a;if(c==="Context"){V(o,[],l=>{y(a,u=>{if(u.name!=="ContextEntry")return;y(u,v=>{v.name!=="Key"&&i(v)});let p=u.getChild("Key")?.getChild("Name");p&&l.add(L(p,e))})});return}if(c==="FunctionDefinition"){let l=hn(a,e);V(o,l,()=>{let u=a.getChild("FunctionBody");u&&i(u)});return}if(c==="ForExpression"||c==="QuantifiedExpression"){let l=a.getChild("InExpressions");l&&y(l,u=>{u.name==="InExpression"&&y(u,p=>{p.name!=="Name"&&p.name!=="in"&&p.name!=="Identifier"&&i(p)})}),V(o,En(a,e),()=>{y(a,u=>{Hp.has(u.name)||i(u)})});return}if(c==="FunctionInvocation"){let l=a.getChild("VariableName");l&&s(l)}y(a,i)};return i(n),Array.from(r.values()).sort((a,c)=>a.name.localeCompare(c.name))}function Qp(n){return!uo(n)}function uo(n){if(n.type.isError)return!0;let e=n.firstChild;for(;e;){if(uo(e))return!0;e=e.nextSibling}return!1}function Jp(n){return n.reduce((e,t)=>(e[t.name]=()=>{},e),{})}var io,Hp,dn,bn=jn(()=>{et();io=new Set(["for","return","some","every","InExpressions","satisfies"]);Hp=new Set(["for","return","some","every","InExpressions","satisfies"]);dn=class{constructor(e={}){this.builtinNames=new Set(e.builtins?.map(r=>r.name)??[]);let t={top:e.dialect==="unaryTests"?"UnaryTests":"Expression",dialect:e.parserDialect};e.reservedNameBuiltins&&e.reservedNameBuiltins.length>0&&(t.contextTracker=Jn(Jp(e.reservedNameBuiltins))),this.parser=Zn.configure(t)}analyzeExpression(e){let t=this.parser.parse(e),r=Qp(t.topNode),o=Kp(t.topNode,e,this.builtinNames),s=Xp(t.topNode,e,this.builtinNames);return{valid:r,inputs:o,functions:s}}}});var yn=m(Te=>{"use strict";var lo=[{name:"not",type:"function",params:[{name:"negand"}],info:`<p>Returns the logical negation of the given value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">not(negand: boolean): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">not(true)
// false

not(null)
// null
</code></pre>
`},{name:"get value",type:"function",params:[{name:"context"},{name:"key"}],info:`<p>Returns the value of the context entry with the given key.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">get value(context: context, key: string): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">get value({foo: 123}, &quot;foo&quot;)
// 123

get value({a: 1}, &quot;b&quot;)
// null
</code></pre>
`},{name:"get entries",type:"function",params:[{name:"context"}],info:`<p>Returns the entries of the context as a list of key-value-pairs.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">get entries(context: context): list&lt;context&gt;
</code></pre>
<p>The return value is a list of contexts. Each context contains two entries for &quot;key&quot; and &quot;value&quot;.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">get entries({foo: 123})
// [{key: &quot;foo&quot;, value: 123}]
</code></pre>
`},{name:"context put",type:"function",params:[{name:"context"},{name:"keys"},{name:"value"}],info:`<p>Adds a new entry with the given value to the context. The path of the entry is defined by the keys. Returns a new context that includes the entry.</p>
<p>If <code>keys</code> contains the keys <code>[k1, k2]</code> then it adds the nested entry <code>k1.k2 = value</code> to the context.</p>
<p>If an entry for the same keys already exists in the context, it overrides the value.</p>
<p>If <code>keys</code> are empty, it returns <code>null</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">context put(context: context, keys: list&lt;string&gt;, value: Any): context
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">context put({x:1}, [&quot;y&quot;], 2)
// {x:1, y:2}

context put({x:1, y: {z:0}}, [&quot;y&quot;, &quot;z&quot;], 2)
// {x:1, y: {z:2}}

context put({x:1}, [&quot;y&quot;, &quot;z&quot;], 2)
// {x:1, y: {z:2}}
</code></pre>
`},{name:"string",type:"function",params:[{name:"from"}],info:`<p>Returns the given value as a string representation.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">string(from: Any): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">string(1.1)
// &quot;1.1&quot;

string(date(&quot;2012-12-25&quot;))
// &quot;2012-12-25&quot;
</code></pre>
`},{name:"number",type:"function",params:[{name:"from"}],info:`<p>Parses the given string to a number.</p>
<p>Returns <code>null</code> if the string is not a number.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">number(from: string): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">number(&quot;1500.5&quot;)
// 1500.5
</code></pre>
`},{name:"number",type:"function",params:[{name:"from"},{name:"grouping separator"}],info:`<p>Parses the given string to a number using the specified grouping separator.</p>
<p>Returns <code>null</code> if the string is not a number.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">number(from: string, grouping separator: string): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">number(&quot;1,500&quot;, &quot;,&quot;)
// 1500
</code></pre>
`},{name:"number",type:"function",params:[{name:"from"},{name:"grouping separator"},{name:"decimal separator"}],info:`<p>Parses the given string to a number using the specified grouping and decimal separators.</p>
<p>Returns <code>null</code> if the string is not a number.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">number(from: string, grouping separator: string, decimal separator: string): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">number(&quot;1 500.5&quot;, &quot; &quot;, &quot;.&quot;)
// 1500.5
</code></pre>
`},{name:"context",type:"function",params:[{name:"entries"}],info:`<p>Constructs a context of the given list of key-value pairs. It is the reverse function to <a href="https://docs.camunda.io/docs/components/modeler/feel/builtin-functions/feel-built-in-functions-context#get-entriescontext">get entries()</a>.</p>
<p>Each key-value pair must be a context with two entries: <code>key</code> and <code>value</code>. The entry with name <code>key</code> must have a value of the type <code>string</code>.</p>
<p>It might override context entries if the keys are equal. The entries are overridden in the same order as the contexts in the given list.</p>
<p>Returns <code>null</code> if one of the entries is not a context or if a context doesn&#39;t contain the required entries.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">context(entries: list&lt;context&gt;): context
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">context([{&quot;key&quot;:&quot;a&quot;, &quot;value&quot;:1}, {&quot;key&quot;:&quot;b&quot;, &quot;value&quot;:2}])
// {a:1, b:2}
</code></pre>
`},{name:"date",type:"function",params:[{name:"from"}],info:`<p>Returns a date from the given value.</p>
<p>Returns <code>null</code> if the string is not a valid calendar date. For example, <code>&quot;2024-06-31&quot;</code> is invalid because June has
only 30 days.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">date(from: string): date
</code></pre>
<p>Parses the given string into a date.</p>
<pre><code class="language-feel">date(from: date and time): date
</code></pre>
<p>Extracts the date component from the given date and time.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">date(&quot;2018-04-29&quot;)
// date(&quot;2018-04-29&quot;)

date(date and time(&quot;2012-12-25T11:00:00&quot;))
// date(&quot;2012-12-25&quot;)
</code></pre>
`},{name:"date",type:"function",params:[{name:"year"},{name:"month"},{name:"day"}],info:`<p>Returns a date from the given components.</p>
<p>Returns <code>null</code> if the components don&#39;t represent a valid calendar date. For example, <code>2024,6,31</code> is invalid because
June has only 30 days.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">date(year: number, month: number, day: number): date
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">date(2012, 12, 25)
// date(&quot;2012-12-25&quot;)
</code></pre>
`},{name:"time",type:"function",params:[{name:"from"}],info:`<p>Returns a time from the given value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">time(from: string): time
</code></pre>
<p>Parses the given string into a time.</p>
<pre><code class="language-feel">time(from: date and time): time
</code></pre>
<p>Extracts the time component from the given date and time.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">time(&quot;12:00:00&quot;)
// time(&quot;12:00:00&quot;)

time(date and time(&quot;2012-12-25T11:00:00&quot;))
// time(&quot;11:00:00&quot;)
</code></pre>
`},{name:"time",type:"function",params:[{name:"hour"},{name:"minute"},{name:"second"}],info:`<p>Returns a time from the given components.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">time(hour: number, minute: number, second: number): time
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">time(23, 59, 0)
// time(&quot;23:59:00&quot;)
</code></pre>
`},{name:"time",type:"function",params:[{name:"hour"},{name:"minute"},{name:"second"},{name:"offset"}],info:`<p>Returns a time from the given components, including a timezone offset.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">time(hour: number, minute: number, second: number, offset: days and time duration): time
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">time(14, 30, 0, duration(&quot;PT1H&quot;))
// time(&quot;14:30:00+01:00&quot;)
</code></pre>
`},{name:"date and time",type:"function",params:[{name:"from"}],info:`<p>Parses the given string into a date and time. The function supports strings in the format <code>YYYY-MM-DDThh:mm:ss</code> with
optional timezone information either as offset (e.g., <code>+01:00</code> or <code>Z</code>), as IANA timezone ID (e.g., <code>@Europe/Berlin</code>), or
as a combination of both (e.g., <code>+01:00[Europe/Berlin]</code>).</p>
<p>Returns <code>null</code> if the string is not a valid calendar date. For example, <code>&quot;2024-06-31T10:00:00&quot;</code> is invalid because
June has only 30 days.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">date and time(from: string): date and time
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">date and time(&quot;2018-04-29T09:30:00&quot;)
// date and time(&quot;2018-04-29T09:30:00&quot;)

date and time(&quot;2018-04-29T09:30:00+02:00&quot;)
// date and time(&quot;2018-04-29T09:30:00+02:00&quot;)

date and time(&quot;2018-04-29T09:30:00@Europe/Berlin&quot;)
// date and time(&quot;2018-04-29T09:30:00@Europe/Berlin&quot;)

date and time(&quot;2018-04-29T09:30:00+02:00[Europe/Berlin]&quot;)
// date and time(&quot;2018-04-29T09:30:00@Europe/Berlin&quot;)
</code></pre>
`},{name:"date and time",type:"function",params:[{name:"date"},{name:"time"}],info:`<p>Returns a date and time from the given components.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">date and time(date: date, time: time): date and time
</code></pre>
<pre><code class="language-feel">date and time(date: date and time, time: time): date and time
</code></pre>
<p>Returns a date and time value that consists of the date component of <code>date</code> combined with <code>time</code>.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">date and time(date(&quot;2012-12-24&quot;),time(&quot;T23:59:00&quot;))
// date and time(&quot;2012-12-24T23:59:00&quot;)

date and time(date and time(&quot;2012-12-25T11:00:00&quot;),time(&quot;T23:59:00&quot;))
// date and time(&quot;2012-12-25T23:59:00&quot;)
</code></pre>
`},{name:"duration",type:"function",params:[{name:"from"}],info:`<p>Parses the given string into a duration. The duration is either a days and time duration or a years and months duration.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">duration(from: string): days and time duration
</code></pre>
<pre><code class="language-feel">duration(from: string): years and months duration
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">duration(&quot;P5D&quot;)
// duration(&quot;P5D&quot;)

duration(&quot;P32Y&quot;)
// duration(&quot;P32Y&quot;)
</code></pre>
`},{name:"years and months duration",type:"function",params:[{name:"from"},{name:"to"}],info:`<p>Returns the years and months duration between <code>from</code> and <code>to</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">years and months duration(from: date, to: date): years and months duration
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">years and months duration(date(&quot;2011-12-22&quot;), date(&quot;2013-08-24&quot;))
// duration(&quot;P1Y8M&quot;)
</code></pre>
`},{name:"from json",type:"function",params:[{name:"value"}],info:`<p>Parses a JSON string into a FEEL value. The function converts JSON primitives, objects, and arrays into their corresponding FEEL types.</p>
<p>Returns <code>null</code> if the string is not a valid JSON value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">from json(value: string): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">from json(&quot;{\\&quot;a\\&quot;: 1, \\&quot;b\\&quot;: 2}&quot;)
// {a: 1, b: 2}

from json(&quot;true&quot;)
// true

from json(&quot;\\&quot;2023-06-14\\&quot;&quot;)
// &quot;2023-06-14&quot;
</code></pre>
`,engines:{camunda:">=8.9"}},{name:"to json",type:"function",params:[{name:"value"}],info:`<p>Converts a FEEL value into a JSON string. The function converts FEEL primitives, contexts, and lists into their
corresponding JSON types. Temporal values are converted to their ISO 8601 string representation, including timezone
information for date and time values (format: <code>2025-11-24T10:00:00+01:00[Europe/Berlin]</code>).</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">to json(value: Any): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">to json({a: 1, b: 2})
// &quot;{\\&quot;a\\&quot;:1,\\&quot;b\\&quot;:2}&quot;

to json(true)
// &quot;true&quot;

to json(@&quot;2023-06-14&quot;)
// &quot;\\&quot;2023-06-14\\&quot;&quot;

to json(@&quot;2025-11-24T10:00:00@Europe/Berlin&quot;)
// &quot;\\&quot;2025-11-24T10:00:00+01:00[Europe/Berlin]\\&quot;&quot;

to json(@&quot;P3Y&quot;)
// &quot;\\&quot;P3Y\\&quot;&quot;
</code></pre>
`,engines:{camunda:">=8.9"}},{name:"list contains",type:"function",params:[{name:"list"},{name:"element"}],info:`<p>Returns <code>true</code> if the given list contains the element. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">list contains(list: list, element: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">list contains([1,2,3], 2)
// true
</code></pre>
`},{name:"count",type:"function",params:[{name:"list"}],info:`<p>Returns the number of elements of the given list.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">count(list: list): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">count([1,2,3])
// 3
</code></pre>
`},{name:"min",type:"function",params:[{name:"list"}],info:`<p>Returns the minimum of the given list.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">min(list: list): Any
</code></pre>
<p>All elements in <code>list</code> should have the same type and be comparable.</p>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">min([1,2,3])
// 1

min(1,2,3)
// 1
</code></pre>
`},{name:"max",type:"function",params:[{name:"list"}],info:`<p>Returns the maximum of the given list.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">max(list: list): Any
</code></pre>
<p>All elements in <code>list</code> should have the same type and be comparable.</p>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">max([1,2,3])
// 3

max(1,2,3)
// 3
</code></pre>
`},{name:"sum",type:"function",params:[{name:"list"}],info:`<p>Returns the sum of the given list of numbers.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">sum(list: list&lt;number&gt;): number
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">sum([1,2,3])
// 6

sum(1,2,3)
// 6
</code></pre>
`},{name:"product",type:"function",params:[{name:"list"}],info:`<p>Returns the product of the given list of numbers.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">product(list: list&lt;number&gt;): number
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">product([2, 3, 4])
// 24

product(2, 3, 4)
// 24
</code></pre>
`},{name:"mean",type:"function",params:[{name:"list"}],info:`<p>Returns the arithmetic mean (i.e. average) of the given list of numbers.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">mean(list: list&lt;number&gt;): number
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">mean([1,2,3])
// 2

mean(1,2,3)
// 2
</code></pre>
`},{name:"median",type:"function",params:[{name:"list"}],info:`<p>Returns the median element of the given list of numbers.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">median(list: list&lt;number&gt;): number
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">median(8, 2, 5, 3, 4)
// 4

median([6, 1, 2, 3])
// 2.5
</code></pre>
`},{name:"stddev",type:"function",params:[{name:"list"}],info:`<p>Returns the standard deviation of the given list of numbers.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">stddev(list: list&lt;number&gt;): number
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">stddev(2, 4, 7, 5)
// 2.0816659994661326

stddev([2, 4, 7, 5])
// 2.0816659994661326
</code></pre>
`},{name:"mode",type:"function",params:[{name:"list"}],info:`<p>Returns the mode of the given list of numbers.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">mode(list: list&lt;number&gt;): number
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">mode(6, 3, 9, 6, 6)
// [6]

mode([6, 1, 9, 6, 1])
// [1, 6]
</code></pre>
`},{name:"all",type:"function",params:[{name:"list"}],info:`<p>Returns <code>false</code> if any element of the given list is <code>false</code>. Otherwise, returns <code>true</code>.</p>
<p>If the given list is empty, it returns <code>true</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">all(list: list&lt;boolean&gt;): boolean
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">all([true,false])
// false

all(false,null,true)
// false
</code></pre>
<p>:::info
The function <code>all()</code> replaced the previous function <code>and()</code>. The previous function is deprecated and
should not be used anymore.
:::</p>
`},{name:"any",type:"function",params:[{name:"list"}],info:`<p>Returns <code>true</code> if any element of the given list is <code>true</code>. Otherwise, returns <code>false</code>.</p>
<p>If the given list is empty, it returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">any(list: list&lt;boolean&gt;): boolean
</code></pre>
<p>The parameter <code>list</code> can be passed as a list or as a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">any([false,true])
// true

any(false,null,true)
// true
</code></pre>
<p>:::info
The function <code>any()</code> replaced the previous function <code>or()</code>. The previous function is deprecated and
should not be used anymore.
:::</p>
`},{name:"sublist",type:"function",params:[{name:"list"},{name:"start position"}],info:`<p>Returns a partial list of the given value starting at <code>start position</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">sublist(list: list, start position: number): list
</code></pre>
<p>The <code>start position</code> starts at the index <code>1</code>. The last position is <code>-1</code>.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">sublist([1,2,3], 2)
// [2,3]
</code></pre>
`},{name:"sublist",type:"function",params:[{name:"list"},{name:"start position"},{name:"length"}],info:`<p>Returns a partial list of the given value starting at <code>start position</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">sublist(list: list, start position: number, length: number): list
</code></pre>
<p>The <code>start position</code> starts at the index <code>1</code>. The last position is <code>-1</code>.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">sublist([1,2,3], 1, 2)
// [1,2]
</code></pre>
`},{name:"append",type:"function",params:[{name:"list"},{name:"items"}],info:`<p>Returns the given list with all <code>items</code> appended.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">append(list: list, items: Any): list
</code></pre>
<p>The parameter <code>items</code> can be a single element or a sequence of elements.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">append([1], 2, 3)
// [1,2,3]
</code></pre>
`},{name:"concatenate",type:"function",params:[{name:"lists"}],info:`<p>Returns a list that includes all elements of the given lists.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">concatenate(lists: list): list
</code></pre>
<p>The parameter <code>lists</code> is a sequence of lists.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">concatenate([1,2],[3])
// [1,2,3]

concatenate([1],[2],[3])
// [1,2,3]
</code></pre>
`},{name:"insert before",type:"function",params:[{name:"list"},{name:"position"},{name:"newItem"}],info:`<p>Returns the given list with <code>newItem</code> inserted at <code>position</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">insert before(list: list, position: number, newItem: Any): list
</code></pre>
<p>The <code>position</code> starts at the index <code>1</code>. The last position is <code>-1</code>.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">insert before([1,3],1,2)
// [2,1,3]
</code></pre>
`},{name:"remove",type:"function",params:[{name:"list"},{name:"position"}],info:`<p>Returns the given list without the element at <code>position</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">remove(list: list, position: number): list
</code></pre>
<p>The <code>position</code> starts at the index <code>1</code>. The last position is <code>-1</code>.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">remove([1,2,3], 2)
// [1,3]
</code></pre>
`},{name:"reverse",type:"function",params:[{name:"list"}],info:`<p>Returns the given list in revered order.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">reverse(list: list): list
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">reverse([1,2,3])
// [3,2,1]
</code></pre>
`},{name:"index of",type:"function",params:[{name:"list"},{name:"match"}],info:`<p>Returns an ascending list of positions containing <code>match</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">index of(list: list, match: Any): list&lt;number&gt;
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">index of([1,2,3,2],2)
// [2,4]
</code></pre>
`},{name:"union",type:"function",params:[{name:"list"}],info:`<p>Returns a list that includes all elements of the given lists without duplicates.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">union(list: list): list
</code></pre>
<p>The parameter <code>list</code> is a sequence of lists.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">union([1,2],[2,3])
// [1,2,3]
</code></pre>
`},{name:"distinct values",type:"function",params:[{name:"list"}],info:`<p>Returns the given list without duplicates.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">distinct values(list: list): list
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">distinct values([1,2,3,2,1])
// [1,2,3]
</code></pre>
`},{name:"flatten",type:"function",params:[{name:"list"}],info:`<p>Returns a list that includes all elements of the given list without nested lists.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">flatten(list: list): list
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">flatten([[1,2],[[3]], 4])
// [1,2,3,4]
</code></pre>
`},{name:"sort",type:"function",params:[{name:"list"},{name:"precedes"}],info:`<p>Returns the given list sorted by the <code>precedes</code> function.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">sort(list: list, precedes: function&lt;(Any, Any) -&gt; boolean&gt;): list
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">sort(list: [3,1,4,5,2], precedes: function(x,y) x &lt; y)
// [1,2,3,4,5]
</code></pre>
`},{name:"string join",type:"function",params:[{name:"list"}],info:`<p>Joins a list of strings into a single string. This is similar to
Java&#39;s <a href="https://docs.oracle.com/en/java/javase/11/docs/api/java.base/java/util/stream/Collectors.html#joining(java.lang.CharSequence,java.lang.CharSequence,java.lang.CharSequence)">joining</a>
function.</p>
<p>If an item of the list is <code>null</code>, the item is ignored for the result string. If an item is
neither a string nor <code>null</code>, the function returns <code>null</code> instead of a string.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">string join(list: list&lt;string&gt;): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">string join([&quot;a&quot;,&quot;b&quot;,&quot;c&quot;])
// &quot;abc&quot;

string join([&quot;a&quot;,null,&quot;c&quot;])
// &quot;ac&quot;

string join([])
// &quot;&quot;
</code></pre>
`},{name:"string join",type:"function",params:[{name:"list"},{name:"delimiter"}],info:`<p>Joins a list of strings into a single string. This is similar to
Java&#39;s <a href="https://docs.oracle.com/en/java/javase/11/docs/api/java.base/java/util/stream/Collectors.html#joining(java.lang.CharSequence,java.lang.CharSequence,java.lang.CharSequence)">joining</a>
function.</p>
<p>If an item of the list is <code>null</code>, the item is ignored for the result string. If an item is
neither a string nor <code>null</code>, the function returns <code>null</code> instead of a string.</p>
<p>The resulting string contains a <code>delimiter</code> between each element.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">string join(list: list&lt;string&gt;, delimiter: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">string join([&quot;a&quot;], &quot;X&quot;)
// &quot;a&quot;

string join([&quot;a&quot;,&quot;b&quot;,&quot;c&quot;], &quot;, &quot;)
// &quot;a, b, c&quot;
</code></pre>
`},{name:"decimal",type:"function",params:[{name:"n"},{name:"scale"}],info:`<p>Rounds the given value at the given scale.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">decimal(n: number, scale: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">decimal(1/3, 2)
// .33

decimal(1.5, 0)
// 2
</code></pre>
`},{name:"floor",type:"function",params:[{name:"n"}],info:`<p>Rounds the given value with rounding mode flooring.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">floor(n: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">floor(1.5)
// 1

floor(-1.5)
// -2
</code></pre>
`},{name:"floor",type:"function",params:[{name:"n"},{name:"scale"}],info:`<p>Rounds the given value with rounding mode flooring at the given scale.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">floor(n: number, scale: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">floor(-1.56, 1)
// -1.6
</code></pre>
`},{name:"ceiling",type:"function",params:[{name:"n"}],info:`<p>Rounds the given value with rounding mode ceiling.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">ceiling(n: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">ceiling(1.5)
// 2

ceiling(-1.5)
// -1
</code></pre>
`},{name:"ceiling",type:"function",params:[{name:"n"},{name:"scale"}],info:`<p>Rounds the given value with rounding mode ceiling at the given scale.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">ceiling(n: number, scale: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">ceiling(-1.56, 1)
// -1.5
</code></pre>
`},{name:"round up",type:"function",params:[{name:"n"},{name:"scale"}],info:`<p>Rounds the given value with the rounding mode round-up at the given scale.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">round up(n: number, scale: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">round up(5.5)
// 6

round up(-5.5)
// -6

round up(1.121, 2)
// 1.13

round up(-1.126, 2)
// -1.13
</code></pre>
`},{name:"round down",type:"function",params:[{name:"n"},{name:"scale"}],info:`<p>Rounds the given value with the rounding mode round-down at the given scale.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">round down(n: number, scale: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">round down(5.5, 0)
// 5

round down (-5.5, 0)
// -5

round down (1.121, 2)
// 1.12

round down (-1.126, 2)
// -1.12
</code></pre>
`},{name:"round half up",type:"function",params:[{name:"n"},{name:"scale"}],info:`<p>Rounds the given value with the rounding mode round-half-up at the given scale.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">round half up(n: number, scale: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">round half up(5.5, 0)
// 6

round half up(-5.5, 0)
// -6

round half up(1.121, 2)
// 1.12

round half up(-1.126, 2)
// -1.13
</code></pre>
`},{name:"round half down",type:"function",params:[{name:"n"},{name:"scale"}],info:`<p>Rounds the given value with the rounding mode round-half-down at the given scale.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">round half down(n: number, scale: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">round half down (5.5, 0)
// 5

round half down (-5.5, 0)
// -5

round half down (1.121, 2)
// 1.12

round half down (-1.126, 2)
// -1.13
</code></pre>
`},{name:"abs",type:"function",params:[{name:"number"}],info:`<p>Returns the absolute value of the given numeric value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">abs(number: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">abs(10)
// 10

abs(-10)
// 10
</code></pre>
`},{name:"modulo",type:"function",params:[{name:"dividend"},{name:"divisor"}],info:`<p>Returns the remainder of the division of dividend by divisor.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">modulo(dividend: number, divisor: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">modulo(12, 5)
// 2
</code></pre>
`},{name:"sqrt",type:"function",params:[{name:"number"}],info:`<p>Returns the square root of the given value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">sqrt(number: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">sqrt(16)
// 4
</code></pre>
`},{name:"log",type:"function",params:[{name:"number"}],info:`<p>Returns the natural logarithm (base e) of the given value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">log(number: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">log(10)
// 2.302585092994046
</code></pre>
`},{name:"exp",type:"function",params:[{name:"number"}],info:`<p>Returns the Euler\u2019s number e raised to the power of the given number .</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">exp(number: number): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">exp(5)
// 148.4131591025766
</code></pre>
`},{name:"odd",type:"function",params:[{name:"number"}],info:`<p>Returns <code>true</code> if the given value is odd. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">odd(number: number): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">odd(5)
// true

odd(2)
// false
</code></pre>
`},{name:"even",type:"function",params:[{name:"number"}],info:`<p>Returns <code>true</code> if the given is even. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">even(number: number): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">even(5)
// false

even(2)
// true
</code></pre>
`},{name:"before",type:"function",params:[{name:"point1"},{name:"point2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">before(point1: Any, point2: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">before(1, 10)
// true

before(10, 1)
// false
</code></pre>
`},{name:"before",type:"function",params:[{name:"range"},{name:"point"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">before(range: range, point: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">before([1..5], 10)
// true
</code></pre>
`},{name:"before",type:"function",params:[{name:"point"},{name:"range"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">before(point: Any, range: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">before(1, [2..5])
// true
</code></pre>
`},{name:"before",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">before(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">before([1..5], [6..10])
// true

before([1..5),[5..10])
// true
</code></pre>
`},{name:"after",type:"function",params:[{name:"point1"},{name:"point2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">after(point1: Any, point2: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">after(10, 1)
// true

after(1, 10)
// false
</code></pre>
`},{name:"after",type:"function",params:[{name:"range"},{name:"point"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">after(range: range, point: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">after([1..5], 10)
// false
</code></pre>
`},{name:"after",type:"function",params:[{name:"point"},{name:"range"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">after(point: Any, range: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">after(12, [2..5])
// true
</code></pre>
`},{name:"after",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">after(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">after([6..10], [1..5])
// true

after([5..10], [1..5))
// true
</code></pre>
`},{name:"meets",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">meets(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">meets([1..5], [5..10])
// true

meets([1..3], [4..6])
// false

meets([1..3], [3..5])
// true

meets([1..5], (5..8])
// false
</code></pre>
`},{name:"met by",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">met by(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">met by([5..10], [1..5])
// true

met by([3..4], [1..2])
// false

met by([3..5], [1..3])
// true

met by((5..8], [1..5))
// false

met by([5..10], [1..5))
// false
</code></pre>
`},{name:"overlaps",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">overlaps(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">overlaps([5..10], [1..6])
// true

overlaps((3..7], [1..4])
// true

overlaps([1..3], (3..6])
// false

overlaps((5..8], [1..5))
// false

overlaps([4..10], [1..5))
// true
</code></pre>
`},{name:"overlaps before",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">overlaps before(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">overlaps before([1..5], [4..10])
// true

overlaps before([3..4], [1..2])
// false

overlaps before([1..3], (3..5])
// false

overlaps before([1..5), (3..8])
// true

overlaps before([1..5), [5..10])
// false
</code></pre>
`},{name:"overlaps after",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">overlaps after(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">overlaps after([4..10], [1..5])
// true

overlaps after([3..4], [1..2])
// false

overlaps after([3..5], [1..3))
// false

overlaps after((5..8], [1..5))
// false

overlaps after([4..10], [1..5))
// true
</code></pre>
`},{name:"finishes",type:"function",params:[{name:"point"},{name:"range"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">finishes(point: Any, range: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">finishes(5, [1..5])
// true

finishes(10, [1..7])
// false
</code></pre>
`},{name:"finishes",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">finishes(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">finishes([3..5], [1..5])
// true

finishes((1..5], [1..5))
// false

finishes([5..10], [1..10))
// false
</code></pre>
`},{name:"finished by",type:"function",params:[{name:"range"},{name:"point"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">finished by(range: range, point: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">finished by([5..10], 10)
// true

finished by([3..4], 2)
// false
</code></pre>
`},{name:"finished by",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">finished by(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">finished by([1..5], [3..5])
// true

finished by((5..8], [1..5))
// false

finished by([5..10], (1..10))
// false
</code></pre>
`},{name:"includes",type:"function",params:[{name:"range"},{name:"point"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">includes(range: range, point: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">includes([5..10], 6)
// true

includes([3..4], 5)
// false
</code></pre>
`},{name:"includes",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">includes(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">includes([1..10], [4..6])
// true

includes((5..8], [1..5))
// false

includes([1..10], [1..5))
// true
</code></pre>
`},{name:"during",type:"function",params:[{name:"point"},{name:"range"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">during(point: Any, range: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">during(5, [1..10])
// true

during(12, [1..10])
// false

during(1, (1..10])
// false
</code></pre>
`},{name:"during",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">during(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">during([4..6], [1..10))
// true

during((1..5], (1..10])
// true
</code></pre>
`},{name:"starts",type:"function",params:[{name:"point"},{name:"range"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">starts(point: Any, range: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">starts(1, [1..5])
// true

starts(1, (1..8])
// false
</code></pre>
`},{name:"starts",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">starts(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">starts((1..5], [1..5])
// false

starts([1..10], [1..5])
// false

starts((1..5), (1..10))
// true
</code></pre>
`},{name:"started by",type:"function",params:[{name:"range"},{name:"point"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">started by(range: range, point: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">started by([1..10], 1)
// true

started by((1..10], 1)
// false
</code></pre>
`},{name:"started by",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">started by(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">started by([1..10], [1..5])
// true

started by((1..10], [1..5))
// false

started by([1..10], [1..10))
// true
</code></pre>
`},{name:"coincides",type:"function",params:[{name:"point1"},{name:"point2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">coincides(point1: Any, point2: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">coincides(5, 5)
// true

coincides(3, 4)
// false
</code></pre>
`},{name:"coincides",type:"function",params:[{name:"range1"},{name:"range2"}],info:`<p><strong>Function signature</strong></p>
<pre><code class="language-feel">coincides(range1: range, range2: range): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">coincides([1..5], [1..5])
// true

coincides((1..5], [1..5))
// false

coincides([1..5], [2..6])
// false
</code></pre>
`},{name:"substring",type:"function",params:[{name:"string"},{name:"start position"}],info:`<p>Returns a substring of the given value starting at <code>start position</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">substring(string: string, start position: number): string
</code></pre>
<p>The <code>start position</code> starts at the index <code>1</code>. The last position is <code>-1</code>.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">substring(&quot;foobar&quot;, 3)
// &quot;obar&quot;

substring(&quot;foobar&quot;, -2)
// &quot;ar&quot;
</code></pre>
`},{name:"substring",type:"function",params:[{name:"string"},{name:"start position"},{name:"length"}],info:`<p>Returns a substring of the given value, starting at <code>start position</code> with the given <code>length</code>. If <code>length</code> is greater than
the remaining characters of the value, it returns all characters from <code>start position</code> until the end.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">substring(string: string, start position: number, length: number): string
</code></pre>
<p>The <code>start position</code> starts at the index <code>1</code>. The last position is <code>-1</code>.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">substring(&quot;foobar&quot;, 3, 3)
// &quot;oba&quot;

substring(&quot;foobar&quot;, -3, 2)
// &quot;ba&quot;

substring(&quot;foobar&quot;, 3, 10)
// &quot;obar&quot;
</code></pre>
`},{name:"string length",type:"function",params:[{name:"string"}],info:`<p>Returns the number of characters in the given value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">string length(string: string): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">string length(&quot;foo&quot;)
// 3
</code></pre>
`},{name:"upper case",type:"function",params:[{name:"string"}],info:`<p>Returns the given value with all characters are uppercase.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">upper case(string: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">upper case(&quot;aBc4&quot;)
// &quot;ABC4&quot;
</code></pre>
`},{name:"lower case",type:"function",params:[{name:"string"}],info:`<p>Returns the given value with all characters are lowercase.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">lower case(string: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">lower case(&quot;aBc4&quot;)
// &quot;abc4&quot;
</code></pre>
`},{name:"substring before",type:"function",params:[{name:"string"},{name:"match"}],info:`<p>Returns a substring of the given value that contains all characters before <code>match</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">substring before(string: string, match: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">substring before(&quot;foobar&quot;, &quot;bar&quot;)
// &quot;foo&quot;
</code></pre>
`},{name:"substring after",type:"function",params:[{name:"string"},{name:"match"}],info:`<p>Returns a substring of the given value that contains all characters after <code>match</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">substring after(string: string, match: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">substring after(&quot;foobar&quot;, &quot;ob&quot;)
// &quot;ar&quot;
</code></pre>
`},{name:"contains",type:"function",params:[{name:"string"},{name:"match"}],info:`<p>Returns <code>true</code> if the given value contains the substring <code>match</code>. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">contains(string: string, match: string): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">contains(&quot;foobar&quot;, &quot;of&quot;)
// false
</code></pre>
`},{name:"starts with",type:"function",params:[{name:"string"},{name:"match"}],info:`<p>Returns <code>true</code> if the given value starts with the substring <code>match</code>. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">starts with(string: string, match: string): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">starts with(&quot;foobar&quot;, &quot;fo&quot;)
// true
</code></pre>
`},{name:"ends with",type:"function",params:[{name:"string"},{name:"match"}],info:`<p>Returns <code>true</code> if the given value ends with the substring <code>match</code>. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">ends with(string: string, match: string): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">ends with(&quot;foobar&quot;, &quot;r&quot;)
// true
</code></pre>
`},{name:"matches",type:"function",params:[{name:"input"},{name:"pattern"}],info:`<p>Returns <code>true</code> if the given value matches the <code>pattern</code>. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">matches(input: string, pattern: string): boolean
</code></pre>
<p>The <code>pattern</code> is a string that contains a regular expression.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">matches(&quot;foobar&quot;, &quot;^fo*bar&quot;)
// true
</code></pre>
`},{name:"matches",type:"function",params:[{name:"input"},{name:"pattern"},{name:"flags"}],info:`<p>Returns <code>true</code> if the given value matches the <code>pattern</code>. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">matches(input: string, pattern: string, flags: string): boolean
</code></pre>
<p>The <code>pattern</code> is a string that contains a regular expression.</p>
<p>The <code>flags</code> can contain one or more of the following characters:</p>
<ul>
<li><code>s</code> (dot-all)</li>
<li><code>m</code> (multi-line)</li>
<li><code>i</code> (case insensitive)</li>
<li><code>x</code> (comments)</li>
</ul>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">matches(&quot;FooBar&quot;, &quot;foo&quot;, &quot;i&quot;)
// true
</code></pre>
`},{name:"replace",type:"function",params:[{name:"input"},{name:"pattern"},{name:"replacement"}],info:`<p>Returns the resulting string after replacing all occurrences of <code>pattern</code> with <code>replacement</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">replace(input: string, pattern: string, replacement: string): string
</code></pre>
<p>The <code>pattern</code> is a string that contains a regular expression.</p>
<p>The <code>replacement</code> can access the match groups by using <code>$</code> and the number of the group, for example,
<code>$1</code> to access the first group.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">replace(&quot;abcd&quot;, &quot;(ab)|(a)&quot;, &quot;[1=$1][2=$2]&quot;)
// &quot;[1=ab][2=]cd&quot;

replace(&quot;0123456789&quot;, &quot;(\\d{3})(\\d{3})(\\d{4})&quot;, &quot;($1) $2-$3&quot;)
// &quot;(012) 345-6789&quot;
</code></pre>
`},{name:"replace",type:"function",params:[{name:"input"},{name:"pattern"},{name:"replacement"},{name:"flags"}],info:`<p>Returns the resulting string after replacing all occurrences of <code>pattern</code> with <code>replacement</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">replace(input: string, pattern: string, replacement: string, flags: string): string
</code></pre>
<p>The <code>pattern</code> is a string that contains a regular expression.</p>
<p>The <code>replacement</code> can access the match groups by using <code>$</code> and the number of the group, for example,
<code>$1</code> to access the first group.</p>
<p>The <code>flags</code> can contain one or more of the following characters:</p>
<ul>
<li><code>s</code> (dot-all)</li>
<li><code>m</code> (multi-line)</li>
<li><code>i</code> (case insensitive)</li>
<li><code>x</code> (comments)</li>
</ul>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">replace(&quot;How do you feel?&quot;, &quot;Feel&quot;, &quot;FEEL&quot;, &quot;i&quot;)
// &quot;How do you FEEL?&quot;
</code></pre>
`},{name:"split",type:"function",params:[{name:"string"},{name:"delimiter"}],info:`<p>Splits the given value into a list of substrings, breaking at each occurrence of the <code>delimiter</code> pattern.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">split(string: string, delimiter: string): list&lt;string&gt;
</code></pre>
<p>The <code>delimiter</code> is a string that contains a regular expression.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">split(&quot;John Doe&quot;, &quot;\\s&quot; )
// [&quot;John&quot;, &quot;Doe&quot;]

split(&quot;a;b;c;;&quot;, &quot;;&quot;)
// [&quot;a&quot;, &quot;b&quot;, &quot;c&quot;, &quot;&quot;, &quot;&quot;]
</code></pre>
`},{name:"now",type:"function",params:[],info:`<p>Returns the current date and time including the timezone.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">now(): date and time
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">now()
// date and time(&quot;2020-07-31T14:27:30@Europe/Berlin&quot;)
</code></pre>
`},{name:"today",type:"function",params:[],info:`<p>Returns the current date.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">today(): date
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">today()
// date(&quot;2020-07-31&quot;)
</code></pre>
`},{name:"day of week",type:"function",params:[{name:"date"}],info:`<p>Returns the day of the week according to the Gregorian calendar. Note that it always returns the English name of the day.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">day of week(date: date): string
</code></pre>
<pre><code class="language-feel">day of week(date: date and time): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">day of week(date(&quot;2019-09-17&quot;))
// &quot;Tuesday&quot;

day of week(date and time(&quot;2019-09-17T12:00:00&quot;))
// &quot;Tuesday&quot;
</code></pre>
`},{name:"day of year",type:"function",params:[{name:"date"}],info:`<p>Returns the Gregorian number of the day within the year.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">day of year(date: date): number
</code></pre>
<pre><code class="language-feel">day of year(date: date and time): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">day of year(date(&quot;2019-09-17&quot;))
// 260

day of year(date and time(&quot;2019-09-17T12:00:00&quot;))
// 260
</code></pre>
`},{name:"week of year",type:"function",params:[{name:"date"}],info:`<p>Returns the Gregorian number of the week within the year, according to ISO 8601.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">week of year(date: date): number
</code></pre>
<pre><code class="language-feel">week of year(date: date and time): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">week of year(date(&quot;2019-09-17&quot;))
// 38

week of year(date and time(&quot;2019-09-17T12:00:00&quot;))
// 38
</code></pre>
`},{name:"month of year",type:"function",params:[{name:"date"}],info:`<p>Returns the month of the year according to the Gregorian calendar. Note that it always returns the English name of the month.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">month of year(date: date): string
</code></pre>
<pre><code class="language-feel">month of year(date: date and time): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">month of year(date(&quot;2019-09-17&quot;))
// &quot;September&quot;

month of year(date and time(&quot;2019-09-17T12:00:00&quot;))
// &quot;September&quot;
</code></pre>
`},{name:"abs",type:"function",params:[{name:"n"}],info:`<p>Returns the absolute value of a given duration.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">abs(n: days and time duration): days and time duration
</code></pre>
<pre><code class="language-feel">abs(n: years and months duration): years and months duration
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">abs(duration(&quot;-PT5H&quot;))
// &quot;duration(&quot;PT5H&quot;)&quot;

abs(duration(&quot;PT5H&quot;))
// &quot;duration(&quot;PT5H&quot;)&quot;

abs(duration(&quot;-P2M&quot;))
// duration(&quot;P2M&quot;)
</code></pre>
`}],po=[{name:"fromAi",type:"function",params:[{name:"value"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the unmodified <code>value</code> parameter, which must be a FEEL variable reference in the form <code>toolCall.&lt;parameterName&gt;</code> (for example, <code>toolCall.userId</code>).</p>
<ul>
<li>The purpose of this function is solely to tag the value as being generated by an AI integration.</li>
<li>The actual handling is not performed by the FEEL engine, but by a custom integration such as a connector or a job worker.</li>
</ul>
<p>The main use case of this function is for <a href="https://docs.camunda.io/docs/components/connectors/out-of-the-box-connectors/agentic-ai-aiagent-tool-definitions">tool definitions</a> used by the <a href="https://docs.camunda.io/docs/components/connectors/out-of-the-box-connectors/agentic-ai-aiagent">AI Agent connector</a>.</p>
<p>See the following function overloads for additional function parameters.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">fromAi(value: Any): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">fromAi(toolCall.searchQuery)
// toolCall.searchQuery contents

fromAi(toolCall.userId)
// toolCall.userId contents
</code></pre>
`,engines:{camunda:">=8.8"}},{name:"fromAi",type:"function",params:[{name:"value"},{name:"description"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the unmodified <code>value</code> parameter, which must be a FEEL variable reference in the form <code>toolCall.&lt;parameterName&gt;</code> (for example, <code>toolCall.userId</code>).</p>
<p>In addition to the previous overload, it also accepts an optional <code>description</code> parameter to provide a textual description of the value. The description must be <code>null</code> or a string constant.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">fromAi(value: Any, description: string): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">fromAi(toolCall.searchQuery, &quot;The search query used to find the best match.&quot;)
// toolCall.searchQuery contents

fromAi(toolCall.searchQuery, null)
// toolCall.searchQuery contents
</code></pre>
`,engines:{camunda:">=8.8"}},{name:"fromAi",type:"function",params:[{name:"value"},{name:"description"},{name:"type"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the unmodified <code>value</code> parameter, which must be a FEEL variable reference in the form <code>toolCall.&lt;parameterName&gt;</code> (for example, <code>toolCall.userId</code>).</p>
<p>In addition to the previous overload, it also accepts an optional <code>type</code> parameter to provide type information about the value. The type must be <code>null</code> or a string constant.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">fromAi(value: Any, description: string, type: string): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">fromAi(toolCall.searchQuery, &quot;The search query used to find the best match.&quot;, &quot;string&quot;)
// toolCall.searchQuery contents

fromAi(toolCall.userId, &quot;The user&#39;s ID&quot;, &quot;number&quot;)
// toolCall.userId contents

fromAi(toolCall.userId, null, &quot;number&quot;)
// toolCall.userId contents

fromAi(value: toolCall.userId, type: &quot;number&quot;)
// toolCall.userId contents
</code></pre>
`,engines:{camunda:">=8.8"}},{name:"fromAi",type:"function",params:[{name:"value"},{name:"description"},{name:"type"},{name:"schema"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the unmodified <code>value</code> parameter, which must be a FEEL variable reference in the form <code>toolCall.&lt;parameterName&gt;</code> (for example, <code>toolCall.userId</code>).</p>
<p>In addition to the previous overload, it also accepts an optional <code>schema</code> parameter to provide a (partial) <a href="https://json-schema.org/">JSON schema</a> for the value.</p>
<ul>
<li>The schema must be <code>null</code> or a context (map) containing only constant values. For example, function calls within the schema are not supported.</li>
<li>The schema is not validated by the FEEL engine but might be by a custom integration consuming the information.</li>
<li>From the engine side it is possible to specify both a <code>type</code> and a <code>schema</code>, and it depends on the integration as to which value takes precedence. The <a href="https://docs.camunda.io/docs/components/connectors/out-of-the-box-connectors/agentic-ai-aiagent">AI Agent connector</a> will override any type specified in the schema if the <code>type</code> parameter is also provided.</li>
</ul>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">fromAi(value: Any, description: string, type: string, schema: context): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">fromAi(toolCall.documentType, &quot;The document type to provide&quot;, &quot;string&quot;, {
  enum: [&quot;invoice&quot;, &quot;receipt&quot;, &quot;contract&quot;]
})
// toolCall.documentType contents

fromAi(value: toolCall.documentType, description: &quot;The document type to provide&quot;, schema: {
  type: &quot;string&quot;,
  enum: [&quot;invoice&quot;, &quot;receipt&quot;, &quot;contract&quot;]
})
// toolCall.documentType contents

fromAi(toolCall.tags, &quot;Tags to apply to the blog post&quot;, &quot;array&quot;, {
  items: {
    type: &quot;string&quot;
  }
})
// toolCall.tags contents
</code></pre>
`,engines:{camunda:">=8.8"}},{name:"fromAi",type:"function",params:[{name:"value"},{name:"description"},{name:"type"},{name:"schema"},{name:"options"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the unmodified <code>value</code> parameter, which must be a FEEL variable reference in the form <code>toolCall.&lt;parameterName&gt;</code> (for example, <code>toolCall.userId</code>).</p>
<p>In addition to the previous overload, it also accepts an optional <code>options</code> parameter to provide additional options for the integration handling the value definition.</p>
<ul>
<li>The options parameter must be <code>null</code> or a context (map) containing only constant values. For example, function calls within options are not supported.</li>
</ul>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">fromAi(value: Any, description: string, type: string, schema: context, options: context): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">fromAi(toolCall.documentType, &quot;The document type to provide&quot;, &quot;string&quot;, null, {
  required: false
})
// toolCall.documentType contents

fromAi(value: toolCall.documentType, options: {
  required: false
})
// toolCall.documentType contents
</code></pre>
`,engines:{camunda:">=8.8"}},{name:"is defined",type:"function",params:[{name:"value"}],info:`<p><em>Camunda Extension</em></p>
<p>Checks if a given value is not <code>null</code>. If the value is <code>null</code> then the function returns <code>false</code>.
Otherwise, the function returns <code>true</code>.</p>
<p>The function requires one argument. Calling <code>is defined()</code> without an argument is invalid.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">is defined(value: Any): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">is defined(1)
// true

is defined(null)
// false

is defined(x)
// false - if no variable &quot;x&quot; exists

is defined(x.y)
// false - if no variable &quot;x&quot; exists or it doesn&#39;t have a property &quot;y&quot;

is defined()
// error - expected one argument
</code></pre>
<p>:::caution Breaking change</p>
<p>This function worked differently in previous versions. It returned <code>true</code> if the value was <code>null</code>.
Since this version, the function returns <code>false</code> if the value is <code>null</code>.</p>
<p>:::</p>
`},{name:"get or else",type:"function",params:[{name:"value"},{name:"default"}],info:`<p><em>Camunda Extension</em></p>
<p>Return the provided value parameter if not <code>null</code>, otherwise return the default parameter</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">get or else(value: Any, default: Any): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">get or else(&quot;this&quot;, &quot;default&quot;)
// &quot;this&quot;

get or else(null, &quot;default&quot;)
// &quot;default&quot;

get or else(null, null)
// null
</code></pre>
`,engines:{camunda:">=8.3"}},{name:"assert",type:"function",params:[{name:"value"},{name:"condition"}],info:`<p><em>Camunda Extension</em></p>
<p>Verify that the given condition is met. If the condition is <code>true</code>, the function returns the value.
Otherwise, the evaluation fails with an error.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">assert(value: Any, condition: Any)
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">assert(x, x != null)
// &quot;value&quot; - if x is &quot;value&quot;
// error - if x is null or doesn&#39;t exist

assert(x, x &gt;= 0)
// 4 - if x is 4
// error - if x is less than zero
</code></pre>
`,engines:{camunda:">=8.3"}},{name:"assert",type:"function",params:[{name:"value"},{name:"condition"},{name:"cause"}],info:`<p><em>Camunda Extension</em></p>
<p>Verify that the given condition is met. If the condition is <code>true</code>, the function returns the value.
Otherwise, the evaluation fails with an error containing the given message.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">assert(value: Any, condition: Any, cause: String)
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">assert(x, x != null, &quot;&#39;x&#39; should not be null&quot;)
// &quot;value&quot; - if x is &quot;value&quot;
// error(&#39;x&#39; should not be null) - if x is null or doesn&#39;t exist

assert(x, x &gt;= 0, &quot;&#39;x&#39; should be positive&quot;)
// 4 - if x is 4
// error(&#39;x&#39; should be positive) - if x is less than zero
</code></pre>
`,engines:{camunda:">=8.3"}},{name:"get value",type:"function",params:[{name:"context"},{name:"keys"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the value of the context entry for a context path defined by the given keys.</p>
<p>If <code>keys</code> contains the keys <code>[k1, k2]</code> then it returns the value at the nested entry <code>k1.k2</code> of the context.</p>
<p>If <code>keys</code> are empty or the nested entry defined by the keys doesn&#39;t exist in the context, it returns <code>null</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">get value(context: context, keys: list&lt;string&gt;): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">get value({x:1, y: {z:0}}, [&quot;y&quot;, &quot;z&quot;])
// 0

get value({x: {y: {z:0}}}, [&quot;x&quot;, &quot;y&quot;])
// {z:0}

get value({a: {b: 3}}, [&quot;b&quot;])
// null
</code></pre>
`},{name:"context put",type:"function",params:[{name:"context"},{name:"key"},{name:"value"}],info:`<p>Adds a new entry with the given key and value to the context. Returns a new context that includes the entry.</p>
<p>If an entry for the same key already exists in the context, it overrides the value.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">context put(context: context, key: string, value: Any): context
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">context put({x:1}, &quot;y&quot;, 2)
// {x:1, y:2}
</code></pre>
<p>:::info
The function <code>context put()</code> replaced the previous function <code>put()</code> (Camunda Extension). The
previous function is deprecated and should not be used anymore.
:::</p>
`},{name:"context merge",type:"function",params:[{name:"contexts"}],info:`<p>Union the given contexts. Returns a new context that includes all entries of the given contexts.</p>
<p>If an entry for the same key already exists in a context, it overrides the value. The entries are overridden in the same order as in the list of contexts.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">context merge(contexts: list&lt;context&gt;): context
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">context merge([{x:1}, {y:2}])
// {x:1, y:2}

context merge([{x:1, y: 0}, {y:2}])
// {x:1, y:2}
</code></pre>
<p>:::info
The function <code>context merge()</code> replaced the previous function <code>put all()</code> (Camunda Extension). The
previous function is deprecated and should not be used anymore.
:::</p>
`,engines:{camunda:">=8.2"}},{name:"date and time",type:"function",params:[{name:"date"},{name:"timezone"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the given date and time value at the given timezone.</p>
<p>If <code>date</code> has a different timezone than <code>timezone</code> then it adjusts the time to match the local time of <code>timezone</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">date and time(date: date and time, timezone: string): date and time
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">date and time(@&quot;2020-07-31T14:27:30@Europe/Berlin&quot;, &quot;America/Los_Angeles&quot;)
// date and time(&quot;2020-07-31T05:27:30@America/Los_Angeles&quot;)

date and time(@&quot;2020-07-31T14:27:30&quot;, &quot;Z&quot;)
// date and time(&quot;2020-07-31T12:27:30Z&quot;)
</code></pre>
`},{name:"duplicate values",type:"function",params:[{name:"list"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns all duplicate values of the given list.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">duplicate values(list: list): list
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">duplicate values([1,2,3,2,1])
// [1,2]
</code></pre>
`,engines:{camunda:">=8.3"}},{name:"string join",type:"function",params:[{name:"list"},{name:"delimiter"},{name:"prefix"},{name:"suffix"}],info:`<p><em>Camunda Extension</em></p>
<p>Joins a list of strings into a single string. This is similar to
Java&#39;s <a href="https://docs.oracle.com/en/java/javase/11/docs/api/java.base/java/util/stream/Collectors.html#joining(java.lang.CharSequence,java.lang.CharSequence,java.lang.CharSequence)">joining</a>
function.</p>
<p>If an item of the list is <code>null</code>, the item is ignored for the result string. If an item is
neither a string nor <code>null</code>, the function returns <code>null</code> instead of a string.</p>
<p>The resulting string starts with <code>prefix</code>, contains a <code>delimiter</code> between each element, and ends
with <code>suffix</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">string join(list: list&lt;string&gt;, delimiter: string, prefix: string, suffix: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">string join([&quot;a&quot;,&quot;b&quot;,&quot;c&quot;], &quot;, &quot;, &quot;[&quot;, &quot;]&quot;)
// &quot;[a, b, c]&quot;
</code></pre>
`},{name:"is empty",type:"function",params:[{name:"list"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns <code>true</code> if the given list is empty. Otherwise, returns <code>false</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">is empty(list: list): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">is empty([])
// true

is empty([1,2,3])
// false
</code></pre>
`,engines:{camunda:">=8.6"}},{name:"partition",type:"function",params:[{name:"list"},{name:"size"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns consecutive sublists of a list, each of the same size (the final list may be smaller).</p>
<p>If <code>size</code> is less than <code>0</code>, it returns <code>null</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">partition(list: list, size: number): list
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">partition([1,2,3,4,5], 2)
// [[1,2], [3,4], [5]]

partition([], 2)
// []

partition([1,2], 0)
// null
</code></pre>
`,engines:{camunda:">=8.7"}},{name:"random number",type:"function",params:[],info:`<p><em>Camunda Extension</em></p>
<p>Returns a random number between <code>0</code> and <code>1</code>.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">random number(): number
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">random number()
// 0.9701618132579795
</code></pre>
`,engines:{camunda:">=8.2"}},{name:"extract",type:"function",params:[{name:"string"},{name:"pattern"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns all matches of the pattern in the given string. Returns an empty list if the pattern doesn&#39;t
match.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">extract(string: string, pattern: string): list&lt;string&gt;
</code></pre>
<p>The <code>pattern</code> is a string that contains a regular expression.</p>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">extract(&quot;references are 1234, 1256, 1378&quot;, &quot;12[0-9]*&quot;)
// [&quot;1234&quot;,&quot;1256&quot;]
</code></pre>
`},{name:"trim",type:"function",params:[{name:"string"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the given string without leading and trailing spaces.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">trim(string: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">trim(&quot;  hello world  &quot;)
// &quot;hello world&quot;

trim(&quot;hello   world &quot;)
// &quot;hello   world&quot;
</code></pre>
`,engines:{camunda:">=8.6"}},{name:"uuid",type:"function",params:[],info:`<p><em>Camunda Extension</em></p>
<p>Returns a UUID (Universally Unique Identifier) with 36 characters.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">uuid(): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">uuid()
// &quot;7793aab1-d761-4d38-916b-b7270e309894&quot;
</code></pre>
`,engines:{camunda:">=8.6"}},{name:"to base64",type:"function",params:[{name:"value"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the given string encoded in Base64 format.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">to base64(value: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">to base64(&quot;FEEL&quot;)
// &quot;RkVFTA==&quot;
</code></pre>
`,engines:{camunda:">=8.6"}},{name:"from base64",type:"function",params:[{name:"value"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns the given Base64 encoded string decoded to a plain string.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">from base64(value: string): string
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">from base64(&quot;RkVFTA==&quot;)
// &quot;FEEL&quot;
</code></pre>
`,engines:{camunda:">=8.9"}},{name:"is blank",type:"function",params:[{name:"string"}],info:`<p><em>Camunda Extension</em></p>
<p>Returns <code>true</code> if the given string is blank (empty or contains only whitespaces).</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">is blank(string: string): boolean
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">is blank(&quot;&quot;)
// true

is blank(&quot; &quot;)
// true

is blank(&quot;hello world&quot;)
// false
</code></pre>
`,engines:{camunda:">=8.8"}},{name:"last day of month",type:"function",params:[{name:"date"}],info:`<p><em>Camunda Extension</em></p>
<p>Takes the month of the given date or date-time value and returns the last day of this month.</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">last day of month(date: date): date
</code></pre>
<pre><code class="language-feel">last day of month(date: date and time): date
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">last day of month(date(&quot;2022-10-01&quot;))
// date(&quot;2022-10-31&quot;))

last day of month(date and time(&quot;2022-10-16T12:00:00&quot;))
// date(&quot;2022-10-31&quot;))
</code></pre>
`,engines:{camunda:">=8.2"}}],Zp=[...lo,...po],em=[{name:"get or else",type:"function",params:[{name:"value"},{name:"default"}],info:`<p><em>Camunda Extension</em></p>
<p>Return the provided value parameter if not <code>null</code>, otherwise return the default parameter</p>
<p><strong>Function signature</strong></p>
<pre><code class="language-feel">get or else(value: Any, default: Any): Any
</code></pre>
<p><strong>Examples</strong></p>
<pre><code class="language-feel">get or else(&quot;this&quot;, &quot;default&quot;)
// &quot;this&quot;

get or else(null, &quot;default&quot;)
// &quot;default&quot;

get or else(null, null)
// null
</code></pre>
`,engines:{camunda:">=8.3"}}];Te.camundaBuiltins=Zp;Te.camundaExtensions=po;Te.camundaReservedNameBuiltins=em;Te.feelBuiltins=lo});var go=m((bv,fo)=>{var{is:mo}=h(),{getPath:nm,pathConcat:tm}=(P(),q(N)),{FeelAnalyzer:rm}=(bn(),q(vn)),{camundaReservedNameBuiltins:om}=yn(),{reportErrors:sm}=d(),{ERROR_TYPES:im}=R(),{skipInNonExecutableProcess:am}=E(),{annotateRule:cm}=$(),{findParentNode:um}=g(),{isFeelProperty:lm}=be();fo.exports=am(function(){let n=new rm({parserDialect:"camunda",reservedNameBuiltins:om});function e(t,r){if(mo(t,"bpmn:Expression"))return;let o=um(t);if(!o)return;let s=[];Object.entries(t).forEach(([i,a])=>{if(a&&mo(a,"bpmn:Expression")&&(a=a.get("body")),!lm(t,i,a))return;let{valid:c}=n.analyzeExpression(a.substring(1));if(!c){let l=nm(t,o);s.push({message:`Property <${i}> is not a valid FEEL expression`,path:tm(l||[],i),data:{type:im.FEEL_EXPRESSION_INVALID,node:t,parentNode:o,property:i}})}}),s&&s.length&&sm(o,r,s)}return cm("feel",{check:e})})});var yo=m((yv,bo)=>{var{is:Eo}=h(),{getPath:pm,pathConcat:mm}=(P(),q(N)),{camundaBuiltins:ho,camundaReservedNameBuiltins:vo}=yn(),{FeelAnalyzer:fm}=(bn(),q(vn)),{isCompatible:gm}=(Sc(),q(Dc)),{reportErrors:dm}=d(),{ERROR_TYPES:Em}=R(),{skipInNonExecutableProcess:hm}=E(),{findParentNode:vm}=g(),{isFeelProperty:bm}=be();bo.exports=hm(function(n={}){let{version:e}=n,t=[...ho,...vo],r=ym(t,e),o=new fm({parserDialect:"camunda",builtins:ho,reservedNameBuiltins:vo});function s(i,a){if(Eo(i,"bpmn:Expression")||!r.size)return;let c=vm(i);if(!c)return;let l=[];Object.entries(i).forEach(([u,p])=>{if(p&&Eo(p,"bpmn:Expression")&&(p=p.get("body")),!bm(i,u,p))return;let v=p.substring(1),{valid:b,functions:T=[]}=o.analyzeExpression(v);if(!b)return;let D=T.find(({name:_,type:Y})=>Y==="builtin"&&r.has(_));if(D){let _=r.get(D.name),Y=pm(i,c);l.push({message:`FEEL function <${_.name}> requires Camunda ${_.engines.camunda}`,path:mm(Y||[],u),data:{type:Em.FEEL_EXPRESSION_UNSUPPORTED_FUNCTION,node:i,parentNode:c,property:u}})}}),l&&l.length&&dm(c,a,l)}return{check:s}});function ym(n,e){let t=new Map;if(!e)return t;for(let r of n)t.has(r.name)||r.engines&&!gm(r.engines,{camunda:e})&&t.set(r.name,r);return t}});var xo=m((qv,qo)=>{qo.exports={calledDecision:{"bpmn:BusinessRuleTask":"1.3"},taskDefinition:{"bpmn:AdHocSubProcess":"8.8","bpmn:BusinessRuleTask":"1.1","bpmn:IntermediateThrowEvent":{"bpmn:MessageEventDefinition":"1.2"},"bpmn:EndEvent":{"bpmn:MessageEventDefinition":"1.2"},"bpmn:ScriptTask":"1.1","bpmn:SendTask":"1.1","bpmn:ServiceTask":"1.0"},script:{"bpmn:ScriptTask":"8.2"}}});var Io=m((xv,Co)=>{var{is:_o,isAny:qm}=h(),{getPath:qn}=(P(),q(N)),{isString:ko}=(O(),q(S)),ce=xo(),xm=ln(),{greaterOrEqual:Re}=k(),{findExtensionElement:xn,getEventDefinition:Ao,hasExtensionElement:To,hasProperties:Tn}=g(),{reportErrors:Z}=d(),{ERROR_TYPES:Rn}=R(),{skipInNonExecutableProcess:Tm}=E();Co.exports=Tm(function({version:n}){function e(t,r){let o=xm[t.$type];if(!o||ko(o)&&!Re(n,o))return;let s=qm(t,["bpmn:CatchEvent","bpmn:ThrowEvent"])&&Ao(t);if(s&&(!o[s.$type]||!Re(n,o[s.$type]))||_o(t,"bpmn:ThrowEvent")&&!s)return;let i=ce.calledDecision[t.$type],a=ce.script[t.$type],c=ce.taskDefinition[t.$type],l,u=xn(t,"zeebe:CalledDecision"),p=xn(t,"zeebe:Script"),v=xn(t,"zeebe:TaskDefinition");if(u&&!p&&!v){if(!Ro(t,n)){let T=ue(i,t);Z(t,r,{message:T?`Extension element of type <zeebe:CalledDecision> only allowed by Camunda ${T} or newer`:"Extension element of type <zeebe:CalledDecision> not allowed",path:qn(u,t),data:{type:Rn.EXTENSION_ELEMENT_NOT_ALLOWED,node:t,parentNode:null,extensionElement:u,allowedVersion:T}});return}if(l=Tn(u,{decisionId:{required:!0},resultVariable:{required:!0}},t),l&&l.length){Z(t,r,l);return}}if(!u&&p&&!v){if(!wo(t,n)){let T=ue(a,t);Z(t,r,{message:T?`Extension element of type <zeebe:Script> only allowed by Camunda ${T} or newer`:"Extension element of type <zeebe:Script> not allowed",path:qn(p,t),data:{type:Rn.EXTENSION_ELEMENT_NOT_ALLOWED,node:t,parentNode:null,extensionElement:p,allowedVersion:T}});return}if(l=Tn(p,{expression:{required:!0},resultVariable:{required:!0}},t),l&&l.length){Z(t,r,l);return}}if(!u&&!p&&v){if(!No(t,n)){let T=ue(c,t);Z(t,r,{message:T?`Extension element of type <zeebe:TaskDefinition> only allowed by Camunda ${T} or newer`:"Extension element of type <zeebe:TaskDefinition> not allowed",path:qn(v,t),data:{type:Rn.EXTENSION_ELEMENT_NOT_ALLOWED,node:t,parentNode:null,extensionElement:v,allowedVersion:T}});return}if(l=Tn(v,{type:{required:!0}},t),l&&l.length){Z(t,r,l);return}}let b=[Ro(t,n)?"zeebe:CalledDecision":!1,wo(t,n)?"zeebe:Script":!1,No(t,n)?"zeebe:TaskDefinition":!1].filter(T=>T);if(b.length!==0&&(b.length===1&&!Po(t)?l=To(t,b[0],t):Po(t)||(l=To(t,b,t)),l&&l.length)){Z(t,r,l);return}}return{check:e}});function Ro(n,e){let{calledDecision:t}=ce,r=ue(t[n.$type],n);return t[n.$type]&&Re(e,r)}function wo(n,e){let{script:t}=ce,r=ue(t[n.$type],n);return r&&Re(e,r)}function No(n,e){let{taskDefinition:t}=ce,r=ue(t[n.$type],n);return r&&Re(e,r)}function ue(n,e){if(!n)return null;if(ko(n))return n;let t=Ao(e);return t&&n[t.$type]}function Po(n){return _o(n,"bpmn:AdHocSubProcess")}});var Lo=m((Tv,Oo)=>{var{is:Rm}=h(),{ERROR_TYPES:wm}=g(),{reportErrors:Nm}=d(),{skipInNonExecutableProcess:Pm}=E();Oo.exports=Pm(function(){function n(e,t){if(!Rm(e,"bpmn:InclusiveGateway"))return;let r=e.get("incoming");if(r&&r.length>1){let o={message:`Element of type <${e.$type}> must have one property <incoming> of type <bpmn:SequenceFlow>`,path:["incoming"],data:{type:wm.PROPERTY_NOT_ALLOWED,node:e,parentNode:null,property:"incoming"}};Nm(e,t,o)}}return{check:n}})});var $o=m((Rv,Fo)=>{var{findExtensionElement:_m,hasProperties:Do}=g(),{reportErrors:km}=d(),{skipInNonExecutableProcess:Am}=E(),{greaterOrEqual:Cm}=k(),So="8.8";Fo.exports=Am(function({version:n}){function e(t,r){let o=_m(t,"zeebe:IoMapping");if(!o)return[];let s=[],i=o.get("inputParameters");s.push(...i.flatMap(c=>Do(c,{source:{required:!Cm(n,So),allowedVersion:So},target:{required:!0}},t)));let a=o.get("outputParameters");s.push(...a.flatMap(c=>Do(c,{source:{required:!0},target:{required:!0}},t))),s.length&&km(t,r,s)}return{check:e}})});var Uo=m((wv,Mo)=>{var{getPath:Im,pathConcat:Om}=(P(),q(N)),{is:we,isAny:Lm}=h(),{getEventDefinition:le,hasProperties:Dm}=g(),{ERROR_TYPES:Sm}=R(),{reportErrors:Vo}=d(),{skipInNonExecutableProcess:Fm}=E();Mo.exports=Fm(function(){function n(e,t){if(we(e,"bpmn:Process")){let r=zo(e),{duplicateNames:o}=r.reduce(({duplicateNames:s,names:i},a,c)=>{let u=le(a,"bpmn:LinkEventDefinition").get("name");return i=[...i,u],u?(i.indexOf(u)!==c&&!s.includes(u)&&(s=[...s,u]),{duplicateNames:s,names:i}):{duplicateNames:s,names:i}},{duplicateNames:[],names:[]});o.forEach(s=>{r.filter(a=>le(a,"bpmn:LinkEventDefinition").get("name")===s).forEach(a=>{let c=le(a,"bpmn:LinkEventDefinition"),l=Im(c,a);Vo(a,t,{message:`Property of type <bpmn:LinkEventDefinition> has property <name> with duplicate value of <${s}>`,path:Om(l||[],"name"),data:{type:Sm.ELEMENT_PROPERTY_VALUE_DUPLICATED,node:c,parentNode:a,duplicatedProperty:"name",duplicatedPropertyValue:s}})})})}if($m(e)){let r=le(e),o=Dm(r,{name:{required:!0}},e);o.length&&Vo(e,t,o)}}return{check:n}});function $m(n){let e=le(n);return Lm(n,["bpmn:IntermediateCatchEvent","bpmn:IntermediateThrowEvent"])&&e&&we(e,"bpmn:LinkEventDefinition")}function Vm(n){let e=le(n);return we(n,"bpmn:IntermediateCatchEvent")&&e&&we(e,"bpmn:LinkEventDefinition")}function zo(n){return n.get("flowElements").reduce((e,t)=>Vm(t)?[...e,t]:we(t,"bpmn:SubProcess")?[...e,...zo(t)]:e,[])}});var Wo=m((Nv,Go)=>{var{is:zm}=h(),{findExtensionElement:Mm,hasProperties:Yo,hasExtensionElement:Um}=g(),{reportErrors:wn}=d(),{skipInNonExecutableProcess:Ym}=E();Go.exports=Ym(function(){function n(e,t){if(!zm(e,"bpmn:Activity"))return;let r=e.get("loopCharacteristics");if(!r)return;let o=Yo(e,{loopCharacteristics:{type:"bpmn:MultiInstanceLoopCharacteristics"}},e);if(o&&o.length){wn(e,t,o);return}if(o=Um(r,"zeebe:LoopCharacteristics",e),o&&o.length){wn(e,t,o);return}r=Mm(r,"zeebe:LoopCharacteristics"),o=Yo(r,{inputCollection:{required:!0},outputCollection:{dependentRequired:"outputElement"},outputElement:{dependentRequired:"outputCollection"}},e),o&&o.length&&wn(e,t,o)}return{check:n}})});var Xo=m((Pv,Ho)=>{var{is:jo,isAny:Gm}=h(),{getEventDefinition:Wm,getReferencePath:jm,hasProperties:Bo}=g(),{reportErrors:Ko}=d(),{skipInNonExecutableProcess:Bm}=E(),{annotateRule:Km}=$();Ho.exports=Bm(function(){function n(e,t){if(!Gm(e,["bpmn:CatchEvent","bpmn:ReceiveTask"]))return;let r=e;if(!jo(e,"bpmn:ReceiveTask")){let a=Wm(e);if(!a||!jo(a,"bpmn:MessageEventDefinition"))return;r=a}let o=Bo(r,{messageRef:{required:!0}},e);if(o&&o.length){Ko(e,t,o);return}let s=r.get("messageRef"),i=jm({element:e,referenceHolder:r,referenceProperty:"messageRef",referencedRoot:s,node:s});o=Bo(s,{name:{required:!0}},e,i),o&&o.length&&Ko(e,t,o)}return Km("message-reference",{check:n})})});var Zo=m((_v,Jo)=>{var{getPath:Hm,pathConcat:Xm}=(P(),q(N)),{findExtensionElement:Qm}=g(),{reportErrors:Jm}=d(),{skipInNonExecutableProcess:Zm}=E(),{ERROR_TYPES:ef}=R(),Qo="8.10";Jo.exports=Zm(function(){function n(e,t){let r=Qm(e,"zeebe:ExecutionListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>i.get("eventType")!=="beforeAll"?[]:[{message:`Property <eventType> of <zeebe:ExecutionListener> with value <beforeAll> only allowed by Camunda ${Qo} or newer`,path:Xm(Hm(i,e),"eventType"),data:{type:ef.PROPERTY_VALUE_NOT_ALLOWED,node:i,parentNode:e,property:"eventType",allowedVersion:Qo}}]);s.length&&Jm(e,t,s)}return{check:n}})});var ns=m((kv,es)=>{var{isAny:nf}=h(),{hasProperties:tf,findExtensionElement:rf}=g(),{reportErrors:of}=d(),{skipInNonExecutableProcess:sf}=E();es.exports=sf(function(){function n(e,t){if(!nf(e,["bpmn:BusinessRuleTask","bpmn:CallActivity","bpmn:UserTask"]))return;let r=rf(e,["zeebe:CalledDecision","zeebe:CalledElement","zeebe:FormDefinition"]);if(!r)return;let o=tf(r,{bindingType:{allowed:s=>!s||s==="latest",allowedVersion:"8.6"}},e);o&&o.length&&of(e,t,o)}return{check:n}})});var rs=m((Av,ts)=>{var{is:af}=h(),{hasProperties:cf,findExtensionElement:uf}=g(),{reportErrors:lf}=d(),{skipInNonExecutableProcess:pf}=E(),mf="8.10";ts.exports=pf(function(){function n(e,t){if(!af(e,"bpmn:CallActivity"))return;let r=uf(e,"zeebe:CalledElement");if(!r)return;let o=cf(r,{businessId:{allowed:!1,allowedVersion:mf}},e);o&&o.length&&lf(e,t,o)}return{check:n}})});var ss=m((Cv,os)=>{var{findExtensionElement:ff,hasProperties:gf}=g(),{reportErrors:df}=d(),{skipInNonExecutableProcess:Ef}=E(),hf="8.10";os.exports=Ef(function(){function n(e,t){let r=ff(e,"zeebe:ExecutionListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>gf(i,{eventType:{allowed:a=>a!=="cancel",allowedVersion:hf}},e));s.length&&df(e,t,s)}return{check:n}})});var as=m((Iv,is)=>{var{is:vf}=h(),{findExtensionElement:bf,hasProperties:yf}=g(),{reportErrors:qf}=d(),{skipInNonExecutableProcess:xf}=E();is.exports=xf(function(){function n(e,t){if(!vf(e,"bpmn:UserTask"))return;let r=bf(e,"zeebe:AssignmentDefinition");if(!r)return;let o=yf(r,{candidateUsers:{allowed:!1,allowedVersion:"8.2"}},e);o&&o.length&&qf(e,t,o)}return{check:n}})});var ls=m((Ov,us)=>{var{findExtensionElement:Tf}=g(),{reportErrors:Rf}=d(),{skipInNonExecutableProcess:wf}=E(),{ERROR_TYPES:Nf}=R(),{getPath:Pf}=(P(),q(N)),cs="8.10";us.exports=wf(function(){function n(e,t){let r=Tf(e,"zeebe:ExecutionListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>{let a=i.get("headers");return a?[{message:`Property <zeebe:TaskHeaders> of <zeebe:ExecutionListener> only allowed by Camunda ${cs}`,path:Pf(a,e),data:{type:Nf.PROPERTY_NOT_ALLOWED,node:i,parentNode:e,property:"headers",allowedVersion:cs}}]:[]});s.length&&Rf(e,t,s)}return{check:n}})});var ms=m((Lv,ps)=>{var{reportErrors:_f}=d(),{skipInNonExecutableProcess:kf}=E(),{hasNoExtensionElement:Af}=g(),Cf="8.6";ps.exports=kf(function(){function n(e,t){let r=Af(e,"zeebe:ExecutionListeners",e,Cf);r&&r.length&&_f(e,t,r)}return{check:n}})});var vs=m((Dv,hs)=>{var{is:pe}=h(),{getPath:If,pathConcat:Of}=(P(),q(N)),{ERROR_TYPES:Lf,getEventDefinition:Es}=g(),{reportErrors:Df}=d(),{skipInNonExecutableProcess:Sf}=E(),Ff={"1.0":[ee],"1.1":[ee],"1.2":[ee],"1.3":[ee],"8.0":[ee],"8.1":[ee],"8.2":[fs,gs],"8.3":[fs,gs]};hs.exports=Sf($f);function $f({version:n}){function e(t,r){let o=Vf(t,n);o&&o.length&&Df(t,r,o)}return{check:e}}function Vf(n,e){let t=Ff[e];return t?t.reduce((r,o)=>{let s=o(n)||[];return r.concat(s)},[]):[]}function Nn(n,e,t,r){let o=If(n,t),s=n.get(e);if(!zf(s))return;let i=`Expression statement <${ds(s)}> not supported`,a={type:Lf.EXPRESSION_NOT_ALLOWED,node:n,parentNode:t==n?null:t,property:e};return r&&(i=`Expression statement <${ds(s)}> only supported by Camunda ${r} or newer`,a={...a,allowedVersion:r}),{message:i,path:Of(o||[],e),data:a}}function zf(n){return n&&n.startsWith("=")}function ee(n){if(!pe(n,"bpmn:Event"))return;let e=Es(n);if(!e||!pe(e,"bpmn:ErrorEventDefinition"))return;let t=e.get("errorRef");if(t)return pe(n,"bpmn:CatchEvent")?Nn(t,"errorCode",n,null):Nn(t,"errorCode",n,"8.2")}function fs(n){if(pe(n,"bpmn:CatchEvent"))return ee(n)}function gs(n){if(!pe(n,"bpmn:CatchEvent"))return;let e=Es(n);if(!e||!pe(e,"bpmn:EscalationEventDefinition"))return;let t=e.get("escalationRef");if(t)return Nn(t,"escalationCode",n,null)}function ds(n,e=10){let t=`${n}`;return t.length>e?`${t.slice(0,e)}...`:t}});var ys=m((Sv,bs)=>{var{is:Pn}=h(),{reportErrors:Mf}=d(),{hasProperties:Uf}=g();bs.exports=function(){function n(e,t){if(!Pn(e,"bpmn:StartEvent"))return;let r=e.$parent;if(!r||!Yf(r))return;let o=r.$parent;if(!o||!Pn(o,"bpmn:AdHocSubProcess"))return;let s=Uf(e,{isInterrupting:{value:!1}},e);s.length&&Mf(e,t,s)}return{check:n}};function Yf(n){return Pn(n,"bpmn:SubProcess")&&n.get("triggeredByEvent")}});var xs=m((Fv,qs)=>{var{hasNoExtensionElement:Gf}=g(),{reportErrors:Wf}=d(),{skipInNonExecutableProcess:jf}=E();qs.exports=jf(function(){function n(e,t){let r=Gf(e,"zeebe:JobPriorityDefinition",e,"8.10");r&&r.length&&Wf(e,t,r)}return{check:n}})});var ks=m(($v,_s)=>{var{isString:ws}=(O(),q(S)),{is:j}=h(),{findExtensionElement:Bf,findParent:Kf,isAnyExactly:_n}=g(),{reportErrors:Hf}=d(),{ERROR_TYPES:Xf}=R(),{skipInNonExecutableProcess:Qf}=E(),{annotateRule:Jf}=$(),kn=["bpmn:CallActivity","bpmn:ManualTask","bpmn:Task"],Zf=[...kn,"bpmn:StartEvent","bpmn:EndEvent","bpmn:ManualTask","bpmn:ExclusiveGateway","bpmn:InclusiveGateway","bpmn:ParallelGateway","bpmn:SubProcess","bpmn:Task"];_s.exports=Qf(function(){function n(e,t){if(!j(e,"bpmn:Process"))return;let r=Ns(e).filter(i=>_n(i,Zf)),o=eg(r),s=ng(o,e);s&&Hf(e,t,s)}return Jf("no-loop",{check:n})});function eg(n){let e=ig(n);return Ps(e,t=>{let{element:r,outgoing:o}=t;return _n(r,kn)||ag(e,t),Array.from(o.keys(),s=>e.get(s))}),e.forEach(({incoming:t,outgoing:r})=>{t.forEach((o,s)=>{e.has(s)||t.delete(s)}),r.forEach((o,s)=>{e.has(s)||r.delete(s)})}),e}function ng(n,e){let t=[];return Ps(n,r=>{let{element:o,outgoing:s,path:i=[]}=r,a=[];return s.forEach((c,l)=>{let u=[...i,o,...c];if(u.includes(l))t.push(tg(u,l,e));else{let p=n.get(l);p.path=p.path||u,a.push(p)}}),a}),t.filter(Boolean)}var tg=(n,e,t)=>{let r=n.slice(n.indexOf(e));return og(r)?null:{message:`Loop detected: ${r.map(({id:o})=>o).join(" -> ")} -> ${e.id}`,path:null,data:{type:Xf.LOOP_NOT_ALLOWED,node:t,parentNode:null,elements:r.map(({id:o})=>o)}}};function Ns(n){return n.get("flowElements").reduce((e,t)=>j(t,"bpmn:FlowElementsContainer")?[...e,t,...Ns(t)]:[...e,t],[])}function rg(n){if(j(n,"bpmn:CallActivity")){let e=Bf(n,"zeebe:CalledElement");if(e){let t=e.get("processId");if(ws(t)&&!sg(t)){let r=Kf(n,"bpmn:Process");if(r&&r.get("id")===t)return r.get("flowElements").filter(o=>j(o,"bpmn:StartEvent"))}}}else{if(j(n,"bpmn:SubProcess"))return n.get("flowElements").filter(e=>j(e,"bpmn:StartEvent"));if(j(n,"bpmn:EndEvent")){let e=n.$parent;j(e,"bpmn:SubProcess")&&(n=e)}}return n.get("outgoing").filter(e=>j(e,"bpmn:SequenceFlow")).map(e=>e.get("targetRef"))}function og(n){return!n.some(e=>_n(e,kn))}function sg(n){return ws(n)&&n.startsWith("=")}var Ts=(n,e,t)=>(n.has(e)||n.set(e,t),n.get(e)),Rs=(n,e,t)=>{n.has(e)||n.set(e,t)};function ig(n){return n.reduce((e,t)=>{let r=Ts(e,t,{element:t,incoming:new Map,outgoing:new Map});return rg(t).forEach(s=>{Ts(e,s,{element:s,incoming:new Map,outgoing:new Map}).incoming.set(t,[]),r.outgoing.set(s,[])}),e},new Map)}function ag(n,e){let{element:t,incoming:r,outgoing:o}=e;r.forEach((s,i)=>{o.forEach((a,c)=>{let l=n.get(i),u=n.get(c);!l||!u||(Rs(l.outgoing,c,[...s,t,...a]),Rs(u.incoming,i,[...s,t,...a]))})}),n.delete(t)}function Ps(n,e){let t=new Set(n.values());for(;t.size;){let r=t.values().next().value;t.delete(r);let o=[r];for(;o.length;){let s=o.shift();e(s).forEach(a=>{t.has(a)&&(t.delete(a),o.push(a))})}}}});var Is=m((Vv,Cs)=>{var{is:As}=h(),{reportErrors:cg}=d(),{ERROR_TYPES:ug}=g(),{skipInNonExecutableProcess:lg}=E();Cs.exports=lg(function(){function n(e,t){if(!As(e,"bpmn:Process"))return;let o=(e.get("flowElements")||[]).filter(s=>As(s,"bpmn:StartEvent")&&!s.get("eventDefinitions").length);o.length<=1||o.forEach(s=>{cg(s,t,{message:"Multiple elements of type <bpmn:StartEvent> with no event definition not allowed as children of <bpmn:Process>",path:null,data:{type:ug.ELEMENT_MULTIPLE_NOT_ALLOWED,node:s,parent:null}})})}return{check:n}})});var Ls=m((zv,Os)=>{var{hasNoExtensionElement:pg}=g(),{reportErrors:mg}=d(),{skipInNonExecutableProcess:fg}=E();Os.exports=fg(function(){function n(e,t){let r=pg(e,"zeebe:PriorityDefinition",e,"8.6");r&&r.length&&mg(e,t,r)}return{check:n}})});var Ss=m((Mv,Ds)=>{var{is:gg}=h(),{findExtensionElement:dg,hasProperties:Eg}=g(),{reportErrors:hg}=d(),{skipInNonExecutableProcess:vg}=E();Ds.exports=vg(function(){function n(e,t){if(!gg(e,"bpmn:CallActivity"))return;let r=dg(e,"zeebe:CalledElement");if(!r)return;let o=Eg(r,{propagateAllParentVariables:{allowed:function(s){return s},allowedVersion:"8.2"}},e);o&&o.length&&hg(e,t,o)}return{check:n}})});var $s=m((Uv,Fs)=>{var{is:An}=h(),{reportErrors:bg}=d(),{getEventDefinition:yg}=g(),{ERROR_TYPES:qg}=R(),{skipInNonExecutableProcess:xg}=E();Fs.exports=xg(function(){function n(e,t){if(!An(e,"bpmn:StartEvent"))return;let r=yg(e);if(!r||!An(r,"bpmn:SignalEventDefinition"))return;let{$parent:o}=e;if(o&&An(o,"bpmn:SubProcess")){let s={message:"Element of type <bpmn:StartEvent> with event definition of type <bpmn:SignalEventDefinition> not allowed as child of <bpmn:SubProcess>",path:null,data:{type:qg.CHILD_ELEMENT_TYPE_NOT_ALLOWED,node:e,parentNode:null,eventDefinition:r,parent:o,allowedVersion:"8.3"}};bg(e,t,s)}}return{check:n}})});var zs=m((Yv,Vs)=>{var{reportErrors:Tg}=d(),{skipInNonExecutableProcess:Rg}=E(),{hasNoExtensionElement:wg}=g(),Ng="8.8";Vs.exports=Rg(function(){function n(e,t){let r=wg(e,"zeebe:TaskListeners",e,Ng);r&&r.length&&Tg(e,t,r)}return{check:n}})});var Ys=m((Gv,Us)=>{var{getPath:Pg,pathConcat:Ms}=(P(),q(N)),{hasNoExtensionElement:_g}=g(),{reportErrors:kg}=d(),{skipInNonExecutableProcess:Ag}=E();Us.exports=Ag(function(){function n(e,t){let r=_g(e,"zeebe:TaskSchedule",e,"8.2");r&&r.length&&(r.forEach(o=>{let{extensionElement:s}=o.data,i=Pg(s,e),a=[];i&&s.get("dueDate")&&a.push(Ms(i,"dueDate")),i&&s.get("followUpDate")&&a.push(Ms(i,"followUpDate")),a.length&&(o.paths=a)}),kg(e,t,r))}return{check:n}})});var Ws=m((Wv,Gs)=>{var{hasProperties:Cg}=g(),{reportErrors:Ig}=d(),{skipInNonExecutableProcess:Og}=E();Gs.exports=Og(function(){function n(e,t){let r=Cg(e,{modelerTemplate:{allowed:!1,allowedVersion:"8.0"}},e);r&&r.length&&Ig(e,t,r)}return{check:n}})});var Bs=m((jv,js)=>{var{is:Lg}=h(),{hasNoExtensionElement:Dg}=g(),{reportErrors:Sg}=d(),{skipInNonExecutableProcess:Fg}=E(),$g="8.6";js.exports=Fg(function(){function n(e,t){if(Lg(e,"bpmn:Process")){let r=Dg(e,"zeebe:VersionTag",e,$g);r&&r.length&&Sg(e,t,r)}}return{check:n}})});var Hs=m((Bv,Ks)=>{var{getPath:Vg,pathConcat:zg}=(P(),q(N)),{hasNoExtensionElement:Mg}=g(),{reportErrors:Ug}=d(),{skipInNonExecutableProcess:Yg}=E();Ks.exports=Yg(function(){function n(e,t){let r=Mg(e,"zeebe:Properties",e,"8.1");r&&r.length&&(r.forEach(o=>{let{extensionElement:s}=o.data,i=s.get("properties").map(a=>Vg(a,e)).filter(a=>a).map(a=>zg(a,"name"));i.length&&(o.paths=i)}),Ug(e,t,r))}return{check:n}})});var Qs=m((Kv,Xs)=>{var{is:Gg}=h(),{reportErrors:Wg}=d(),{skipInNonExecutableProcess:jg}=E(),{hasNoExtensionElement:Bg}=g(),Kg="8.5";Xs.exports=jg(function(){function n(e,t){if(!Gg(e,"bpmn:UserTask"))return;let r=Bg(e,"zeebe:UserTask",e,Kg);r&&r.length&&Wg(e,t,r)}return{check:n}})});var Zs=m((Hv,Js)=>{var{is:Hg}=h(),{isDefined:Xg}=(O(),q(S)),{findExtensionElement:Qg,hasExpression:Jg}=g(),{reportErrors:Zg}=d(),{skipInNonExecutableProcess:ed}=E();Js.exports=ed(function(){function n(e,t){if(!Hg(e,"bpmn:UserTask"))return;let r=Qg(e,"zeebe:PriorityDefinition");if(!r)return;let o=r.get("priority"),s=[];Xg(o)&&(s=[...s,...Jg(r,"priority",{allowed:i=>nd(`${i}`)},e)]),s.length&&Zg(e,t,s)}return{check:n}});function nd(n){return td(n)||rd(n,0,100)}function td(n){return n.startsWith("=")}function rd(n,e,t){if(/^\d+$/.test(n)){let r=parseInt(n,10);return r>=e&&r<=t}return!1}});var ri=m((Xv,ti)=>{var{isString:od}=(O(),q(S)),{is:sd}=h(),{getPath:id,pathConcat:ad}=(P(),q(N)),{findExtensionElement:Cn,getEventDefinition:cd}=g(),{ERROR_TYPES:ei}=R(),{reportErrors:ud}=d(),{skipInNonExecutableProcess:ld}=E(),{greaterOrEqual:ni}=k(),On="8.10";ti.exports=ld(function({version:n}){function e(a,c){let l=[t,r,o].reduce((u,p)=>[...u,...p(a)],[]);l.length&&ud(a,c,l)}function t(a){let c=Cn(a,"zeebe:IoMapping");return c?c.get("inputParameters").map(l=>{let u=s(l.get("source"));return u&&In("source",l,a,u)}).filter(Boolean):[]}function r(a){let c=Cn(a,"zeebe:Properties");return c?c.get("properties").map(l=>{let u=s(l.get("value"));return u&&In("value",l,a,u)}).filter(Boolean):[]}function o(a){let c;if(sd(a,"bpmn:ReceiveTask"))c=a.get("messageRef");else{let v=cd(a,"bpmn:MessageEventDefinition");if(!v)return[];c=v.get("messageRef")}if(!c)return[];let l=Cn(c,"zeebe:Subscription");if(!l)return[];let u=l.get("correlationKey"),p=s(u);return p?[In("correlationKey",l,a,p)]:[]}function s(a){if(!a||!od(a)||!a.includes("secrets.")||/camunda\.secrets\.(?:[\w-]+|`[^`]+`)/.test(a))return null;let c=/{{\s*secrets\.[\w-]+\s*}}/.test(a);return ni(n,On)?c?"legacy":"deprecated":c?null:"deprecated"}let i={};return ni(n,On)&&(i.documentation={url:"https://docs.camunda.io/docs/components/connectors/use-connectors/migrate-secrets/"}),{meta:i,check:e}});function In(n,e,t,r){let o=id(e,t),s=r==="legacy";return{message:`Property <${n}> uses ${s?"legacy":"deprecated"} secret expression format`,path:ad(o||[],n),data:{type:s?ei.SECRET_EXPRESSION_FORMAT_LEGACY:ei.SECRET_EXPRESSION_FORMAT_DEPRECATED,node:e,parentNode:t,property:n,allowedVersion:On}}}});var ai=m((Qv,ii)=>{var{is:pd,isAny:oi}=h(),{ERROR_TYPES:md,hasProperties:fd}=g(),{reportErrors:si}=d(),{skipInNonExecutableProcess:gd}=E();ii.exports=gd(function(){function n(e,t){if(oi(e,["bpmn:ExclusiveGateway","bpmn:InclusiveGateway"])){let r=e.get("outgoing");if(r&&r.length>1){for(let o of r)if(e.get("default")!==o){let s=fd(o,{conditionExpression:{required:!0}},o);s.length&&si(o,t,s)}}}else if(pd(e,"bpmn:SequenceFlow")){let r=e.get("sourceRef"),o=e.get("conditionExpression");r&&!oi(r,["bpmn:ExclusiveGateway","bpmn:InclusiveGateway"])&&o&&si(e,t,{message:"Property <conditionExpression> only allowed if source is of type <bpmn:ExclusiveGateway> or <bpmn:InclusiveGateway>",path:["conditionExpression"],data:{type:md.PROPERTY_NOT_ALLOWED,node:e,parentNode:null,property:"conditionExpression"}})}}return{check:n}})});var pi=m((Jv,li)=>{var{is:dd,isAny:Ed}=h(),{getEventDefinition:hd,getReferencePath:vd,hasProperties:ci}=g(),{reportErrors:ui}=d(),{skipInNonExecutableProcess:bd}=E();li.exports=bd(function(){function n(e,t){if(!Ed(e,["bpmn:StartEvent","bpmn:IntermediateThrowEvent","bpmn:IntermediateCatchEvent","bpmn:EndEvent","bpmn:BoundaryEvent"]))return;let r=hd(e);if(!r||!dd(r,"bpmn:SignalEventDefinition"))return;let o=ci(r,{signalRef:{required:!0}},e);if(o.length){ui(e,t,o);return}let s=r.get("signalRef");if(!s)return;let i=vd({element:e,referenceHolder:r,referenceProperty:"signalRef",referencedRoot:s,node:s});o=ci(s,{name:{required:!0}},e,i),o.length&&ui(e,t,o)}return{check:n}})});var gi=m((Zv,fi)=>{var{is:yd}=h(),{findExtensionElement:qd,findExtensionElements:xd,findParent:Td,hasProperties:Rd,hasProperty:wd}=g(),{hasNoExtensionElement:Nd}=g(),{reportErrors:Ln}=d(),{skipInNonExecutableProcess:Pd}=E(),{greaterOrEqual:_d}=k(),mi="8.3";fi.exports=Pd(function({version:n}){function e(t,r){if(!yd(t,"bpmn:StartEvent"))return;if(!_d(n,mi)){let c=Nd(t,"zeebe:FormDefinition",t,mi);c.length&&Ln(t,r,c);return}let o=qd(t,"zeebe:FormDefinition");if(!o)return;let s=wd(o,["formKey","formId"],t);if(s.length){Ln(t,r,s);return}let i=o.get("formKey"),a=kd(t,i);a&&(s=Rd(a,{body:{required:!0}},t),s.length&&Ln(t,r,s))}return{check:e}});function kd(n,e){let t=Td(n,"bpmn:Process");if(!t)return;let r=xd(t,"zeebe:UserTaskForm");if(r&&r.length)return r.find(o=>`camunda-forms:bpmn:${o.get("id")}`===e)}});var Ei=m((eb,di)=>{var{is:Ad}=h(),{findExtensionElement:Cd}=g(),{getPath:Id}=(P(),q(N)),{reportErrors:Od}=d(),{skipInNonExecutableProcess:Ld}=E(),{ERROR_TYPES:Dd}=R();di.exports=Ld(function(){function n(e,t){if(!e||!Ad(e,"bpmn:StartEvent"))return;let r=Cd(e,"zeebe:FormDefinition");if(!r)return;let o=r.get("formKey");if(!o||!o.startsWith("camunda-forms:bpmn:"))return;let s=[{message:"Embedded forms on start events are deprecated; use a linked form instead",path:Id(r,e),data:{type:Dd.PROPERTY_DEPRECATED,node:r,parentNode:e,property:"formKey"}}];Od(e,t,s)}return{check:n}})});var bi=m((nb,vi)=>{var{is:$e,isAny:Sd}=h(),{findExtensionElement:Fd,getEventDefinition:$d,getReferencePath:Vd,hasExtensionElement:zd,hasProperties:Md}=g(),{reportErrors:hi}=d(),{skipInNonExecutableProcess:Ud}=E();vi.exports=Ud(function(){function n(e,t){if(!Sd(e,["bpmn:CatchEvent","bpmn:ThrowEvent","bpmn:ReceiveTask"])||$e(e,"bpmn:StartEvent")&&!$e(e.$parent,"bpmn:SubProcess"))return;let r=e;if(!$e(e,"bpmn:ReceiveTask")){let c=$d(e);if(!c||!$e(c,"bpmn:MessageEventDefinition"))return;r=c}let o=r.get("messageRef");if(!o)return;let s=zd(o,"zeebe:Subscription",e);if(s&&s.length){hi(e,t,s);return}let i=Fd(o,"zeebe:Subscription"),a=Vd({element:e,referenceHolder:r,referenceProperty:"messageRef",referencedRoot:o,node:i});s=Md(i,{correlationKey:{required:!0}},e,a),s&&s.length&&hi(e,t,s)}return{check:n}})});var qi=m((tb,yi)=>{var{is:Yd}=h(),{findExtensionElement:Gd,hasProperties:Wd}=g(),{reportErrors:jd}=d(),{skipInNonExecutableProcess:Bd}=E();yi.exports=Bd(function(){function n(e,t){if(!Yd(e,"bpmn:UserTask"))return;let r=Gd(e,"zeebe:TaskListeners");if(!r)return;let s=r.get("listeners").flatMap(i=>Wd(i,{type:{required:!0}},e));s.length&&jd(e,t,s)}return{check:n}})});var Dn=m((rb,Ri)=>{var Kd="\\d{4}",Hd="(?<month>0[1-9]|1[0-2])",Xd="(0[1-9]|[12][0-9]|3[01])",Qd=`(?<date>${Kd}-${Hd}-${Xd})`,Jd="(0[0-9]|1[0-9]|2[0-3])",Zd="[0-5][0-9]",eE="[0-5][0-9]",nE="(\\[[^\\]]+\\])",tE=`(Z|([+-](0[0-9]|1[0-3]):[0-5][0-9]${nE}?))`,xi=`${Qd}T${Jd}:${Zd}:${eE}${tE}`,rE=new RegExp(`^${xi}$`),Ti="P(?!$)(\\d+(\\.\\d+)?[Yy])?(\\d+(\\.\\d+)?[Mm])?(\\d+(\\.\\d+)?[Ww])?(\\d+(\\.\\d+)?[Dd])?(T(?!$)(\\d+(\\.\\d+)?[Hh])?(\\d+(\\.\\d+)?[Mm])?(\\d+(\\.\\d+)?[Ss])?)?$",oE=new RegExp(`^${Ti}$`),sE=`R(-1|\\d+)?/(${xi}/)?${Ti}`,iE=new RegExp(`^${sE}$`);Ri.exports={validateCycle:aE,validateDate:cE,validateDuration:uE};function aE(n){return iE.test(n)}function cE(n){let e=rE.exec(n);return e?lE(e):!1}function uE(n){return oE.test(n)}function lE(n){let{date:e,month:t}=n.groups,r=new Date(e).getMonth()+1,o=Number.parseInt(t,10);return r===o}});var ki=m((ob,_i)=>{var{is:pE}=h(),{isDefined:wi}=(O(),q(S)),{findExtensionElement:mE,hasExpression:Ni}=g(),{validateDate:fE}=Dn(),{reportErrors:gE}=d(),{skipInNonExecutableProcess:dE}=E();_i.exports=dE(function(){function n(e,t){if(!pE(e,"bpmn:UserTask"))return;let r=mE(e,"zeebe:TaskSchedule");if(!r)return;let o=r.get("dueDate"),s=[];wi(o)&&(s=[...s,...Ni(r,"dueDate",{allowed:a=>Pi(a)},e)]);let i=r.get("followUpDate");wi(i)&&(s=[...s,...Ni(r,"followUpDate",{allowed:a=>Pi(a)},e)]),s.length&&gE(e,t,s)}return{check:n}});function Pi(n){return EE(n)||fE(n)}function EE(n){return n.startsWith("=")}});var Ii=m((sb,Ci)=>{var{is:hE}=h();Ci.exports={expressionType:{cron:"8.1",iso8601:"1.0"},elementType:{"bpmn:StartEvent":{timeCycle:(n,e)=>!n||!Ai(e)?"1.0":null,timeDate:()=>"1.0",timeDuration:(n,e)=>Ai(e)?"1.0":null},"bpmn:BoundaryEvent":{timeCycle:n=>n?null:"1.0",timeDate:()=>"8.3",timeDuration:()=>"1.0"},"bpmn:IntermediateCatchEvent":{timeCycle:()=>null,timeDate:()=>"8.3",timeDuration:()=>"1.0"}}};function Ai(n){return hE(n,"bpmn:SubProcess")&&n.get("triggeredByEvent")===!0}});var Vi=m((ib,$i)=>{var vE=["@yearly","@annually","@monthly","@weekly","@daily","@midnight","@hourly"],bE=new RegExp(`^(${vE.join("|")})$`);function yE(n){return bE.test(n)}var B="\\*",Fi="\\?",qE=",",Oi="([0-5]?[0-9])",Li="([0-5]?[0-9])",Di="([01]?[0-9]|2[0-3])",xE=A(`L(-${A("[0-2]?[0-9]","3[0-1]")})?`,"[0-2]?[0-9]","3[0-1]",LE(A("L","[0-2]?[0-9]","3[0-1]"))),TE=["JAN","FEB","MAR","APR","MAY","JUN","JUL","AUG","SEP","OCT","NOV","DEC"],RE=A("[0]?[1-9]","1[0-2]",...TE),wE=["MON","TUE","WED","THU","FRI","SAT","SUN"],Si=A("[0-7]",...wE),NE=A(B,me(B),ge(A(me(Oi),fe(Oi)))),PE=A(B,me(B),ge(A(me(Li),fe(Li)))),_E=A(B,me(B),ge(A(me(Di),fe(Di)))),kE=A(B,Fi,ge(fe(xE))),AE=A(B,ge(fe(RE))),CE=A(B,Fi,ge(A(fe(Si),DE(Si)))),IE=new RegExp(`^${NE} ${PE} ${_E} ${kE} ${AE} ${CE}$`,"i");function OE(n){return IE.test(n)}$i.exports.validateCronExpression=function(n){return yE(n)||OE(n)};function A(...n){return`(${n.join("|")})`}function fe(n){return`${n}(-${n})?`}function ge(n){return`${n}(${qE}${n})*`}function me(n){return`${n}/\\d+`}function LE(n){return`${n}W`}function DE(n){return`${n}(#[1-5]|L)`}});var Gi=m((ab,Yi)=>{var{isNil:SE}=(O(),q(S)),{is:Fn}=h(),{elementType:Mi,expressionType:Ne}=Ii(),{greaterOrEqual:de}=k(),{getEventDefinition:FE,hasExpression:Sn,hasProperties:$E,hasProperty:VE}=g(),{validateCronExpression:zE}=Vi(),{validateCycle:ME,validateDate:UE,validateDuration:YE}=Dn(),{reportErrors:zi}=d(),{skipInNonExecutableProcess:GE}=E();Yi.exports=GE(function({version:n}){function e(t,r){if(!Fn(t,"bpmn:Event"))return;let o=FE(t);if(!o||!Fn(o,"bpmn:TimerEventDefinition"))return;let s=WE(o,t,n);if(s&&s.length){zi(t,r,s);return}s=jE(o,t,n),s&&s.length&&zi(t,r,s)}return{check:e}});function WE(n,e,t){let r=XE(n);if(r){let o=JE(e,r),s=SE(o)?!1:de(t,o);return $E(n,{[r]:{allowed:s,allowedVersion:o}},e)}return VE(n,QE(e,t),e)}function jE(n,e,t){let r=n.get("timeCycle"),o=n.get("timeDate"),s=n.get("timeDuration");if(r)return Sn(n,"timeCycle",{allowed:i=>BE(i,t)},e);if(o)return Sn(n,"timeDate",{allowed:i=>KE(i,t)},e);if(s)return Sn(n,"timeDuration",{allowed:i=>HE(i,t)},e)}function BE(n,e){if($n(n))return!0;if(ME(n))return de(e,Ne.iso8601);if(zE(n))return de(e,Ne.cron)||{allowedVersion:Ne.cron}}function KE(n,e){if($n(n))return!0;if(UE(n))return de(e,Ne.iso8601)}function HE(n,e){if($n(n))return!0;if(YE(n))return de(e,Ne.iso8601)}function $n(n){if(n.startsWith("="))return!0}function XE(n){return n.get("timeCycle")?"timeCycle":n.get("timeDate")?"timeDate":n.get("timeDuration")?"timeDuration":null}function QE(n,e){let t=Mi[n.$type];return Object.keys(t).filter(r=>{let o=t[r](Ui(n),n.$parent);return o&&de(e,o)})}function JE(n,e){return Mi[n.$type][e](Ui(n),n.$parent)}function Ui(n){return Fn(n,"bpmn:BoundaryEvent")?n.get("cancelActivity")!==!1:n.get("isInterrupting")!==!1}});var Hi=m((cb,Ki)=>{var{isString:Vn}=(O(),q(S)),{getPath:zn,pathConcat:Mn}=(P(),q(N)),{findExtensionElement:Wi}=g(),{ERROR_TYPES:Un}=R(),{reportErrors:ZE}=d(),{skipInNonExecutableProcess:eh}=E(),{findSecretReferenceViolations:ji,containsSecretReferenceLiteral:nh}=be();Ki.exports=eh(function(){function n(s,i){let a=[...e(s),...t(s)];a.length&&ZE(s,i,a)}function e(s){let i=Wi(s,"zeebe:IoMapping");return i?i.get("inputParameters").reduce((a,c)=>{let l=c.get("source");if(a.push(...r("source",l,c,s)),Vn(l)&&l.includes("secrets.")&&o(l)){let u=ji(l.substring(1));u.insideList&&a.push(th("source",c,s)),u.insideIfBranchContext&&a.push(rh("source",c,s))}return a},[]):[]}function t(s){let i=Wi(s,"zeebe:Properties");return i?i.get("properties").reduce((a,c)=>[...a,...r("value",c.get("value"),c,s)],[]):[]}function r(s,i,a,c){return!Vn(i)||!i.includes("secrets.")?[]:o(i)?ji(i.substring(1)).stringLiteral?[Bi(s,a,c)]:[]:nh(i)?[Bi(s,a,c)]:[]}function o(s){return Vn(s)&&s.startsWith("=")}return{meta:{documentation:{url:"https://docs.camunda.io/docs/next/components/concepts/variables/#secret-references-in-input-mappings"}},check:n}});function Bi(n,e,t){let r=zn(e,t);return{message:`Property <${n}> must use a secret reference as an expression (e.g. =camunda.secrets.NAME), not as a string literal`,path:Mn(r||[],n),data:{type:Un.SECRET_REFERENCE_STRING_LITERAL_NOT_ALLOWED,node:e,parentNode:t,property:n}}}function th(n,e,t){let r=zn(e,t);return{message:`Property <${n}> must not assign a secret reference inside a list`,path:Mn(r||[],n),data:{type:Un.SECRET_REFERENCE_INSIDE_LIST_NOT_ALLOWED,node:e,parentNode:t,property:n}}}function rh(n,e,t){let r=zn(e,t);return{message:`Property <${n}> must not assign a secret reference inside a context returned by an if expression branch`,path:Mn(r||[],n),data:{type:Un.SECRET_REFERENCE_INSIDE_IF_BRANCH_CONTEXT_NOT_ALLOWED,node:e,parentNode:t,property:n}}}});var Qi=m((ub,Xi)=>{var{is:oh}=h(),{hasExtensionElement:sh}=g(),{reportErrors:ih}=d(),{skipInNonExecutableProcess:ah}=E();Xi.exports=ah(function(){function n(e,t){if(!oh(e,"bpmn:UserTask"))return;let r=sh(e,"zeebe:FormDefinition",e);r&&r.length&&ih(e,t,r)}return{check:n}})});var ta=m((lb,na)=>{var{is:ch}=h(),{findExtensionElement:Zi,findExtensionElements:uh,findParent:lh,hasProperties:Yn,hasProperty:Ji}=g(),{reportErrors:Ve}=d(),{skipInNonExecutableProcess:ph}=E(),{greaterOrEqual:ea}=k(),mh={desktop:"8.4",web:"8.0"},fh="8.5";na.exports=ph(function({modeler:n="desktop",version:e}){function t(r,o){if(!ch(r,"bpmn:UserTask"))return;let s=Zi(r,"zeebe:FormDefinition");if(!s)return;if(Eh(r)){if(!ea(e,fh))return;let u=Ji(s,["externalReference","formId"],r)||[];u.length&&Ve(r,o,u);return}let i,a=mh[n];if(dh(e,a))i=Ji(s,["formKey","formId"],r);else{if(i=Yn(s,{formId:{allowed:!1,allowedVersion:a}},r),i.length){Ve(r,o,i);return}i=Yn(s,{formKey:{required:!0}},r)}if(i.length){Ve(r,o,i);return}let c=s.get("formKey"),l=gh(r,c);l&&(i=Yn(l,{body:{required:!0}},r),i.length&&Ve(r,o,i))}return{check:t}});function gh(n,e){let t=lh(n,"bpmn:Process");if(!t)return;let r=uh(t,"zeebe:UserTaskForm");if(r&&r.length)return r.find(o=>`camunda-forms:bpmn:${o.get("id")}`===e)}function dh(n,e){return ea(n,e)}function Eh(n){return!!Zi(n,"zeebe:UserTask")}});var oa=m((pb,ra)=>{var hh=/^[a-zA-Z_][a-zA-Z0-9_]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)*$/;ra.exports.isValidVariableName=function(e){return hh.test(e)}});var ia=m((mb,sa)=>{var{is:ze}=h(),{findExtensionElement:Pe,hasProperties:Ee}=g(),{reportErrors:vh}=d(),{skipInNonExecutableProcess:bh}=E(),{isValidVariableName:ne}=oa();sa.exports=bh(function(){function n(e,t){let r=[],o=Pe(e,"zeebe:IoMapping");if(o){let i=o.get("inputParameters")||[],a=o.get("outputParameters")||[];i.forEach(c=>{r.push(...Ee(c,{target:{allowed:ne}},e))}),a.forEach(c=>{r.push(...Ee(c,{target:{allowed:ne}},e))})}let s=e.get("loopCharacteristics");if(s&&ze(s,"bpmn:MultiInstanceLoopCharacteristics")){let i=Pe(s,"zeebe:LoopCharacteristics");i&&r.push(...Ee(i,{inputElement:{allowed:ne},outputCollection:{allowed:ne}},e))}if(ze(e,"bpmn:ScriptTask")){let i=Pe(e,"zeebe:Script");i&&r.push(...Ee(i,{resultVariable:{allowed:ne}},e))}if(ze(e,"bpmn:BusinessRuleTask")){let i=Pe(e,"zeebe:CalledDecision");i&&r.push(...Ee(i,{resultVariable:{allowed:ne}},e))}if(ze(e,"bpmn:AdHocSubProcess")){let i=Pe(e,"zeebe:AdHoc");i&&r.push(...Ee(i,{outputCollection:{allowed:ne}},e))}r.length&&vh(e,t,r)}return{check:n}})});var la=m((fb,ua)=>{var{is:_e}=h(),{findExtensionElement:Me,hasProperties:Gn}=g(),{reportErrors:aa}=d(),{skipInNonExecutableProcess:yh}=E(),{greaterOrEqual:qh}=k(),ca="8.10";ua.exports=yh(function(n={}){let{version:e}=n;function t(r,o){if(_e(r,"bpmn:Process")){let i=Me(r,"zeebe:VersionTag");if(!i)return;let a=Gn(i,{value:{required:!0}},r);a&&a.length&&aa(r,o,a)}let s;if(_e(r,"bpmn:BusinessRuleTask")?s=Me(r,"zeebe:CalledDecision"):_e(r,"bpmn:CallActivity")?s=Me(r,"zeebe:CalledElement"):_e(r,"bpmn:UserTask")&&(s=Me(r,"zeebe:FormDefinition")),s&&s.get("bindingType")==="versionTag"){let i=Gn(s,{versionTag:{required:!0}},r);_e(r,"bpmn:BusinessRuleTask")&&!qh(e,ca)&&i.push(...Gn(s,{versionTag:{allowed:a=>!a||!a.startsWith("="),allowedVersion:ca}},r)),i&&i.length&&aa(r,o,i)}}return{check:t}})});var fa=m((gb,ma)=>{var{is:pa}=h(),{getEventDefinition:xh,hasProperties:Th}=g(),{reportErrors:Rh}=d(),{skipInNonExecutableProcess:wh}=E();ma.exports=wh(Nh);function Nh(){function n(e,t){if(!pa(e,"bpmn:ThrowEvent"))return;let r=xh(e);if(!r||!pa(r,"bpmn:CompensateEventDefinition"))return;let o=Th(r,{waitForCompletion:{value:!0}},e);o&&o.length&&Rh(e,t,o)}return{check:n}}});var da=m((db,ga)=>{var{is:Ph}=h(),{reportErrors:_h}=d(),{skipInNonExecutableProcess:kh}=E(),{hasExtensionElement:Ah}=g();ga.exports=kh(function(){function n(e,t){if(!Ph(e,"bpmn:UserTask"))return;let r=Ah(e,"zeebe:UserTask",e);r&&r.length&&_h(e,t,r)}return{meta:{documentation:{url:"https://docs.camunda.io/docs/apis-tools/migration-manuals/migrate-to-camunda-user-tasks"}},check:n}})});var Cc=f(ut()),Ic=f(pt());var Ea=f(St()),ha=f(Bt()),va=f(Ht()),ba=f(tr()),ya=f(or()),qa=f(ur()),xa=f(mr()),Ta=f(gr()),Ra=f(hr()),wa=f(xr()),Na=f(Rr()),Pa=f(Nr()),_a=f(kr()),ka=f(Or()),Aa=f($r()),Ca=f(Mr()),Ia=f(jr()),Oa=f(Hr()),La=f(Jr()),Da=f(eo()),Sa=f(go()),Fa=f(yo()),$a=f(Io()),Va=f(Lo()),za=f($o()),Ma=f(Uo()),Ua=f(Wo()),Ya=f(Xo()),Ga=f(Zo()),Wa=f(ns()),ja=f(rs()),Ba=f(ss()),Ka=f(as()),Ha=f(ls()),Xa=f(ms()),Qa=f(vs()),Ja=f(ys()),Za=f(xs()),ec=f(ks()),nc=f(Is()),tc=f(Ls()),rc=f(Ss()),oc=f($s()),sc=f(zs()),ic=f(Ys()),ac=f(Ws()),cc=f(Bs()),uc=f(Hs()),lc=f(Qs()),pc=f(Zs()),mc=f(ri()),fc=f(ai()),gc=f(pi()),dc=f(gi()),Ec=f(Ei()),hc=f(bi()),vc=f(qi()),bc=f(ki()),yc=f(Gi()),qc=f(Hi()),xc=f(Qi()),Tc=f(ta()),Rc=f(ia()),wc=f(la()),Nc=f(fa()),Pc=f(da()),C={"camunda-cloud-1-0":{rules:{implementation:["error",{version:"1.0"}],"called-element":["error",{version:"1.0"}],"collapsed-subprocess":["error",{version:"1.0"}],"duplicate-task-headers":["error",{version:"1.0"}],"element-type":["error",{version:"1.0"}],"error-reference":["error",{version:"1.0"}],"event-based-gateway-target":["error",{version:"1.0"}],"executable-process":["error",{version:"1.0"}],"loop-characteristics":["error",{version:"1.0"}],"message-reference":["error",{version:"1.0"}],"io-mapping":["error",{version:"1.0"}],"no-binding-type":["error",{version:"1.0"}],"no-business-id":["error",{version:"1.0"}],"no-candidate-users":["error",{version:"1.0"}],"no-cancel-execution-listener":["error",{version:"1.0"}],"no-execution-listener-headers":["error",{version:"1.0"}],"no-execution-listeners":["error",{version:"1.0"}],"no-expression":["error",{version:"1.0"}],"no-job-priority-definition":["error",{version:"1.0"}],"no-loop":["error",{version:"1.0"}],"no-multiple-none-start-events":["error",{version:"1.0"}],"no-priority-definition":["error",{version:"1.0"}],"no-propagate-all-parent-variables":["error",{version:"1.0"}],"no-task-listeners":["error",{version:"1.0"}],"no-task-schedule":["error",{version:"1.0"}],"no-template":["error",{version:"1.0"}],"no-version-tag":["error",{version:"1.0"}],"no-zeebe-properties":["error",{version:"1.0"}],"no-zeebe-user-task":["error",{version:"1.0"}],"sequence-flow-condition":["error",{version:"1.0"}],"start-event-form":["error",{version:"1.0"}],subscription:["error",{version:"1.0"}],timer:["error",{version:"1.0"}],"user-task-definition":["warn",{version:"1.0"}],"user-task-form":["error",{version:"1.0"}],"variable-name":["error",{version:"1.0"}],feel:["error",{version:"1.0"}],"feel-compatibility":["error",{version:"1.0"}],"bpmnlint/start-event-required":["error",{version:"1.0"}]}},"camunda-cloud-1-1":{rules:{implementation:["error",{version:"1.1"}],"called-element":["error",{version:"1.1"}],"collapsed-subprocess":["error",{version:"1.1"}],"duplicate-task-headers":["error",{version:"1.1"}],"element-type":["error",{version:"1.1"}],"error-reference":["error",{version:"1.1"}],"event-based-gateway-target":["error",{version:"1.1"}],"executable-process":["error",{version:"1.1"}],"loop-characteristics":["error",{version:"1.1"}],"message-reference":["error",{version:"1.1"}],"io-mapping":["error",{version:"1.1"}],"no-binding-type":["error",{version:"1.1"}],"no-business-id":["error",{version:"1.1"}],"no-candidate-users":["error",{version:"1.1"}],"no-cancel-execution-listener":["error",{version:"1.1"}],"no-execution-listener-headers":["error",{version:"1.1"}],"no-execution-listeners":["error",{version:"1.1"}],"no-expression":["error",{version:"1.1"}],"no-job-priority-definition":["error",{version:"1.1"}],"no-loop":["error",{version:"1.1"}],"no-multiple-none-start-events":["error",{version:"1.1"}],"no-priority-definition":["error",{version:"1.1"}],"no-propagate-all-parent-variables":["error",{version:"1.1"}],"no-task-listeners":["error",{version:"1.1"}],"no-task-schedule":["error",{version:"1.1"}],"no-template":["error",{version:"1.1"}],"no-version-tag":["error",{version:"1.1"}],"no-zeebe-properties":["error",{version:"1.1"}],"no-zeebe-user-task":["error",{version:"1.1"}],"sequence-flow-condition":["error",{version:"1.1"}],"start-event-form":["error",{version:"1.1"}],subscription:["error",{version:"1.1"}],timer:["error",{version:"1.1"}],"user-task-definition":["warn",{version:"1.1"}],"user-task-form":["error",{version:"1.1"}],"variable-name":["error",{version:"1.1"}],feel:["error",{version:"1.1"}],"feel-compatibility":["error",{version:"1.1"}],"bpmnlint/start-event-required":["error",{version:"1.1"}]}},"camunda-cloud-1-2":{rules:{implementation:["error",{version:"1.2"}],"called-element":["error",{version:"1.2"}],"collapsed-subprocess":["error",{version:"1.2"}],"duplicate-task-headers":["error",{version:"1.2"}],"element-type":["error",{version:"1.2"}],"error-reference":["error",{version:"1.2"}],"event-based-gateway-target":["error",{version:"1.2"}],"executable-process":["error",{version:"1.2"}],"loop-characteristics":["error",{version:"1.2"}],"message-reference":["error",{version:"1.2"}],"io-mapping":["error",{version:"1.2"}],"no-binding-type":["error",{version:"1.2"}],"no-business-id":["error",{version:"1.2"}],"no-candidate-users":["error",{version:"1.2"}],"no-cancel-execution-listener":["error",{version:"1.2"}],"no-execution-listener-headers":["error",{version:"1.2"}],"no-execution-listeners":["error",{version:"1.2"}],"no-expression":["error",{version:"1.2"}],"no-job-priority-definition":["error",{version:"1.2"}],"no-loop":["error",{version:"1.2"}],"no-multiple-none-start-events":["error",{version:"1.2"}],"no-priority-definition":["error",{version:"1.2"}],"no-propagate-all-parent-variables":["error",{version:"1.2"}],"no-task-listeners":["error",{version:"1.2"}],"no-task-schedule":["error",{version:"1.2"}],"no-template":["error",{version:"1.2"}],"no-version-tag":["error",{version:"1.2"}],"no-zeebe-properties":["error",{version:"1.2"}],"no-zeebe-user-task":["error",{version:"1.2"}],"sequence-flow-condition":["error",{version:"1.2"}],"start-event-form":["error",{version:"1.2"}],subscription:["error",{version:"1.2"}],timer:["error",{version:"1.2"}],"user-task-definition":["warn",{version:"1.2"}],"user-task-form":["error",{version:"1.2"}],"variable-name":["error",{version:"1.2"}],feel:["error",{version:"1.2"}],"feel-compatibility":["error",{version:"1.2"}],"bpmnlint/start-event-required":["error",{version:"1.2"}]}},"camunda-cloud-1-3":{rules:{implementation:["error",{version:"1.3"}],"called-element":["error",{version:"1.3"}],"collapsed-subprocess":["error",{version:"1.3"}],"duplicate-task-headers":["error",{version:"1.3"}],"element-type":["error",{version:"1.3"}],"error-reference":["error",{version:"1.3"}],"event-based-gateway-target":["error",{version:"1.3"}],"executable-process":["error",{version:"1.3"}],"loop-characteristics":["error",{version:"1.3"}],"message-reference":["error",{version:"1.3"}],"io-mapping":["error",{version:"1.3"}],"no-binding-type":["error",{version:"1.3"}],"no-business-id":["error",{version:"1.3"}],"no-candidate-users":["error",{version:"1.3"}],"no-cancel-execution-listener":["error",{version:"1.3"}],"no-execution-listener-headers":["error",{version:"1.3"}],"no-execution-listeners":["error",{version:"1.3"}],"no-expression":["error",{version:"1.3"}],"no-job-priority-definition":["error",{version:"1.3"}],"no-loop":["error",{version:"1.3"}],"no-multiple-none-start-events":["error",{version:"1.3"}],"no-priority-definition":["error",{version:"1.3"}],"no-propagate-all-parent-variables":["error",{version:"1.3"}],"no-task-listeners":["error",{version:"1.3"}],"no-task-schedule":["error",{version:"1.3"}],"no-template":["error",{version:"1.3"}],"no-version-tag":["error",{version:"1.3"}],"no-zeebe-properties":["error",{version:"1.3"}],"no-zeebe-user-task":["error",{version:"1.3"}],"sequence-flow-condition":["error",{version:"1.3"}],"start-event-form":["error",{version:"1.3"}],subscription:["error",{version:"1.3"}],timer:["error",{version:"1.3"}],"user-task-definition":["warn",{version:"1.3"}],"user-task-form":["error",{version:"1.3"}],"variable-name":["error",{version:"1.3"}],feel:["error",{version:"1.3"}],"feel-compatibility":["error",{version:"1.3"}],"bpmnlint/start-event-required":["error",{version:"1.3"}]}},"camunda-cloud-8-0":{rules:{implementation:["error",{version:"8.0"}],"called-element":["error",{version:"8.0"}],"collapsed-subprocess":["error",{version:"8.0"}],"duplicate-task-headers":["error",{version:"8.0"}],"element-type":["error",{version:"8.0"}],"error-reference":["error",{version:"8.0"}],"event-based-gateway-target":["error",{version:"8.0"}],"executable-process":["error",{version:"8.0"}],"loop-characteristics":["error",{version:"8.0"}],"message-reference":["error",{version:"8.0"}],"io-mapping":["error",{version:"8.0"}],"no-binding-type":["error",{version:"8.0"}],"no-business-id":["error",{version:"8.0"}],"no-candidate-users":["error",{version:"8.0"}],"no-cancel-execution-listener":["error",{version:"8.0"}],"no-execution-listener-headers":["error",{version:"8.0"}],"no-execution-listeners":["error",{version:"8.0"}],"no-expression":["error",{version:"8.0"}],"no-job-priority-definition":["error",{version:"8.0"}],"no-loop":["error",{version:"8.0"}],"no-multiple-none-start-events":["error",{version:"8.0"}],"no-priority-definition":["error",{version:"8.0"}],"no-propagate-all-parent-variables":["error",{version:"8.0"}],"no-task-listeners":["error",{version:"8.0"}],"no-task-schedule":["error",{version:"8.0"}],"no-version-tag":["error",{version:"8.0"}],"no-zeebe-properties":["error",{version:"8.0"}],"no-zeebe-user-task":["error",{version:"8.0"}],"sequence-flow-condition":["error",{version:"8.0"}],"start-event-form":["error",{version:"8.0"}],subscription:["error",{version:"8.0"}],timer:["error",{version:"8.0"}],"user-task-definition":["warn",{version:"8.0"}],"user-task-form":["error",{version:"8.0"}],"variable-name":["error",{version:"8.0"}],feel:["error",{version:"8.0"}],"feel-compatibility":["error",{version:"8.0"}],"bpmnlint/start-event-required":["error",{version:"8.0"}],"connector-properties":["warn",{version:"8.0"}]}},"camunda-cloud-8-1":{rules:{implementation:["error",{version:"8.1"}],"called-element":["error",{version:"8.1"}],"collapsed-subprocess":["error",{version:"8.1"}],"duplicate-task-headers":["error",{version:"8.1"}],"element-type":["error",{version:"8.1"}],"error-reference":["error",{version:"8.1"}],"event-based-gateway-target":["error",{version:"8.1"}],"executable-process":["error",{version:"8.1"}],"loop-characteristics":["error",{version:"8.1"}],"message-reference":["error",{version:"8.1"}],"io-mapping":["error",{version:"8.1"}],"no-binding-type":["error",{version:"8.1"}],"no-business-id":["error",{version:"8.1"}],"no-candidate-users":["error",{version:"8.1"}],"no-cancel-execution-listener":["error",{version:"8.1"}],"no-execution-listener-headers":["error",{version:"8.1"}],"no-execution-listeners":["error",{version:"8.1"}],"no-expression":["error",{version:"8.1"}],"no-job-priority-definition":["error",{version:"8.1"}],"no-loop":["error",{version:"8.1"}],"no-multiple-none-start-events":["error",{version:"8.1"}],"no-priority-definition":["error",{version:"8.1"}],"no-propagate-all-parent-variables":["error",{version:"8.1"}],"no-task-listeners":["error",{version:"8.1"}],"no-task-schedule":["error",{version:"8.1"}],"no-version-tag":["error",{version:"8.1"}],"no-zeebe-user-task":["error",{version:"8.1"}],"sequence-flow-condition":["error",{version:"8.1"}],"start-event-form":["error",{version:"8.1"}],subscription:["error",{version:"8.1"}],timer:["error",{version:"8.1"}],"user-task-definition":["warn",{version:"8.1"}],"user-task-form":["error",{version:"8.1"}],"variable-name":["error",{version:"8.1"}],feel:["error",{version:"8.1"}],"feel-compatibility":["error",{version:"8.1"}],"bpmnlint/start-event-required":["error",{version:"8.1"}],"connector-properties":["warn",{version:"8.1"}],"inclusive-gateway":["error",{version:"8.1"}]}},"camunda-cloud-8-2":{rules:{implementation:["error",{version:"8.2"}],"called-element":["error",{version:"8.2"}],"collapsed-subprocess":["error",{version:"8.2"}],"duplicate-task-headers":["error",{version:"8.2"}],"element-type":["error",{version:"8.2"}],"error-reference":["error",{version:"8.2"}],"event-based-gateway-target":["error",{version:"8.2"}],"executable-process":["error",{version:"8.2"}],"loop-characteristics":["error",{version:"8.2"}],"message-reference":["error",{version:"8.2"}],"io-mapping":["error",{version:"8.2"}],"no-binding-type":["error",{version:"8.2"}],"no-business-id":["error",{version:"8.2"}],"no-cancel-execution-listener":["error",{version:"8.2"}],"no-execution-listener-headers":["error",{version:"8.2"}],"no-execution-listeners":["error",{version:"8.2"}],"no-expression":["error",{version:"8.2"}],"no-job-priority-definition":["error",{version:"8.2"}],"no-loop":["error",{version:"8.2"}],"no-multiple-none-start-events":["error",{version:"8.2"}],"no-priority-definition":["error",{version:"8.2"}],"no-task-listeners":["error",{version:"8.2"}],"no-version-tag":["error",{version:"8.2"}],"no-zeebe-user-task":["error",{version:"8.2"}],"sequence-flow-condition":["error",{version:"8.2"}],"start-event-form":["error",{version:"8.2"}],subscription:["error",{version:"8.2"}],timer:["error",{version:"8.2"}],"user-task-definition":["warn",{version:"8.2"}],"user-task-form":["error",{version:"8.2"}],"variable-name":["error",{version:"8.2"}],feel:["error",{version:"8.2"}],"feel-compatibility":["error",{version:"8.2"}],"bpmnlint/start-event-required":["error",{version:"8.2"}],"connector-properties":["warn",{version:"8.2"}],"inclusive-gateway":["error",{version:"8.2"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.2"}],"escalation-reference":["error",{version:"8.2"}],"link-event":["error",{version:"8.2"}],"no-signal-event-sub-process":["error",{version:"8.2"}],"task-schedule":["error",{version:"8.2"}]}},"camunda-cloud-8-3":{rules:{implementation:["error",{version:"8.3"}],"called-element":["error",{version:"8.3"}],"collapsed-subprocess":["error",{version:"8.3"}],"duplicate-task-headers":["error",{version:"8.3"}],"element-type":["error",{version:"8.3"}],"error-reference":["error",{version:"8.3"}],"event-based-gateway-target":["error",{version:"8.3"}],"executable-process":["error",{version:"8.3"}],"loop-characteristics":["error",{version:"8.3"}],"message-reference":["error",{version:"8.3"}],"io-mapping":["error",{version:"8.3"}],"no-binding-type":["error",{version:"8.3"}],"no-business-id":["error",{version:"8.3"}],"no-cancel-execution-listener":["error",{version:"8.3"}],"no-execution-listener-headers":["error",{version:"8.3"}],"no-execution-listeners":["error",{version:"8.3"}],"no-expression":["error",{version:"8.3"}],"no-job-priority-definition":["error",{version:"8.3"}],"no-loop":["error",{version:"8.3"}],"no-multiple-none-start-events":["error",{version:"8.3"}],"no-priority-definition":["error",{version:"8.3"}],"no-task-listeners":["error",{version:"8.3"}],"no-version-tag":["error",{version:"8.3"}],"no-zeebe-user-task":["error",{version:"8.3"}],"sequence-flow-condition":["error",{version:"8.3"}],"start-event-form":["error",{version:"8.3"}],subscription:["error",{version:"8.3"}],timer:["error",{version:"8.3"}],"user-task-definition":["warn",{version:"8.3"}],"user-task-form":["error",{version:"8.3"}],"variable-name":["error",{version:"8.3"}],feel:["error",{version:"8.3"}],"feel-compatibility":["error",{version:"8.3"}],"bpmnlint/start-event-required":["error",{version:"8.3"}],"connector-properties":["warn",{version:"8.3"}],"inclusive-gateway":["error",{version:"8.3"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.3"}],"escalation-reference":["error",{version:"8.3"}],"link-event":["error",{version:"8.3"}],"task-schedule":["error",{version:"8.3"}],secrets:["warn",{version:"8.3"}],"signal-reference":["error",{version:"8.3"}]}},"camunda-cloud-8-4":{rules:{implementation:["error",{version:"8.4"}],"called-element":["error",{version:"8.4"}],"duplicate-task-headers":["error",{version:"8.4"}],"element-type":["error",{version:"8.4"}],"error-reference":["error",{version:"8.4"}],"event-based-gateway-target":["error",{version:"8.4"}],"executable-process":["error",{version:"8.4"}],"loop-characteristics":["error",{version:"8.4"}],"message-reference":["error",{version:"8.4"}],"io-mapping":["error",{version:"8.4"}],"no-binding-type":["error",{version:"8.4"}],"no-business-id":["error",{version:"8.4"}],"no-cancel-execution-listener":["error",{version:"8.4"}],"no-execution-listener-headers":["error",{version:"8.4"}],"no-execution-listeners":["error",{version:"8.4"}],"no-expression":["error",{version:"8.4"}],"no-job-priority-definition":["error",{version:"8.4"}],"no-loop":["error",{version:"8.4"}],"no-multiple-none-start-events":["error",{version:"8.4"}],"no-priority-definition":["error",{version:"8.4"}],"no-task-listeners":["error",{version:"8.4"}],"no-version-tag":["error",{version:"8.4"}],"no-zeebe-user-task":["error",{version:"8.4"}],"sequence-flow-condition":["error",{version:"8.4"}],"start-event-form":["error",{version:"8.4"}],subscription:["error",{version:"8.4"}],timer:["error",{version:"8.4"}],"user-task-definition":["warn",{version:"8.4"}],"user-task-form":["error",{version:"8.4"}],"variable-name":["error",{version:"8.4"}],feel:["error",{version:"8.4"}],"feel-compatibility":["error",{version:"8.4"}],"bpmnlint/start-event-required":["error",{version:"8.4"}],"connector-properties":["warn",{version:"8.4"}],"inclusive-gateway":["error",{version:"8.4"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.4"}],"escalation-reference":["error",{version:"8.4"}],"link-event":["error",{version:"8.4"}],"task-schedule":["error",{version:"8.4"}],secrets:["warn",{version:"8.4"}],"signal-reference":["error",{version:"8.4"}]}},"camunda-cloud-8-5":{rules:{implementation:["error",{version:"8.5"}],"called-element":["error",{version:"8.5"}],"duplicate-task-headers":["error",{version:"8.5"}],"element-type":["error",{version:"8.5"}],"error-reference":["error",{version:"8.5"}],"event-based-gateway-target":["error",{version:"8.5"}],"executable-process":["error",{version:"8.5"}],"loop-characteristics":["error",{version:"8.5"}],"message-reference":["error",{version:"8.5"}],"io-mapping":["error",{version:"8.5"}],"no-binding-type":["error",{version:"8.5"}],"no-business-id":["error",{version:"8.5"}],"no-cancel-execution-listener":["error",{version:"8.5"}],"no-execution-listener-headers":["error",{version:"8.5"}],"no-execution-listeners":["error",{version:"8.5"}],"no-expression":["error",{version:"8.5"}],"no-job-priority-definition":["error",{version:"8.5"}],"no-loop":["error",{version:"8.5"}],"no-multiple-none-start-events":["error",{version:"8.5"}],"no-priority-definition":["error",{version:"8.5"}],"no-task-listeners":["error",{version:"8.5"}],"no-version-tag":["error",{version:"8.5"}],"sequence-flow-condition":["error",{version:"8.5"}],"start-event-form":["error",{version:"8.5"}],subscription:["error",{version:"8.5"}],timer:["error",{version:"8.5"}],"user-task-definition":["warn",{version:"8.5"}],"user-task-form":["error",{version:"8.5"}],"variable-name":["error",{version:"8.5"}],feel:["error",{version:"8.5"}],"feel-compatibility":["error",{version:"8.5"}],"bpmnlint/start-event-required":["error",{version:"8.5"}],"connector-properties":["warn",{version:"8.5"}],"inclusive-gateway":["error",{version:"8.5"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.5"}],"escalation-reference":["error",{version:"8.5"}],"link-event":["error",{version:"8.5"}],"task-schedule":["error",{version:"8.5"}],secrets:["warn",{version:"8.5"}],"signal-reference":["error",{version:"8.5"}],"wait-for-completion":["error",{version:"8.5"}]}},"camunda-cloud-8-6":{rules:{implementation:["error",{version:"8.6"}],"called-element":["error",{version:"8.6"}],"duplicate-task-headers":["error",{version:"8.6"}],"element-type":["error",{version:"8.6"}],"error-reference":["error",{version:"8.6"}],"event-based-gateway-target":["error",{version:"8.6"}],"executable-process":["error",{version:"8.6"}],"loop-characteristics":["error",{version:"8.6"}],"message-reference":["error",{version:"8.6"}],"io-mapping":["error",{version:"8.6"}],"no-business-id":["error",{version:"8.6"}],"no-cancel-execution-listener":["error",{version:"8.6"}],"no-execution-listener-headers":["error",{version:"8.6"}],"no-expression":["error",{version:"8.6"}],"no-job-priority-definition":["error",{version:"8.6"}],"no-loop":["error",{version:"8.6"}],"no-multiple-none-start-events":["error",{version:"8.6"}],"no-task-listeners":["error",{version:"8.6"}],"sequence-flow-condition":["error",{version:"8.6"}],"start-event-form":["error",{version:"8.6"}],subscription:["error",{version:"8.6"}],timer:["error",{version:"8.6"}],"user-task-definition":["warn",{version:"8.6"}],"user-task-form":["error",{version:"8.6"}],"variable-name":["error",{version:"8.6"}],feel:["error",{version:"8.6"}],"feel-compatibility":["error",{version:"8.6"}],"bpmnlint/start-event-required":["error",{version:"8.6"}],"connector-properties":["warn",{version:"8.6"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.6"}],"escalation-reference":["error",{version:"8.6"}],"link-event":["error",{version:"8.6"}],"task-schedule":["error",{version:"8.6"}],secrets:["warn",{version:"8.6"}],"signal-reference":["error",{version:"8.6"}],"wait-for-completion":["error",{version:"8.6"}],"duplicate-execution-listeners":["error",{version:"8.6"}],"execution-listener":["error",{version:"8.6"}],"no-before-all-execution-listener":["error",{version:"8.6"}],"priority-definition":["error",{version:"8.6"}],"version-tag":["error",{version:"8.6"}],"zeebe-user-task":["warn",{version:"8.6"}]}},"camunda-cloud-8-7":{rules:{implementation:["error",{version:"8.7"}],"called-element":["error",{version:"8.7"}],"duplicate-task-headers":["error",{version:"8.7"}],"element-type":["error",{version:"8.7"}],"error-reference":["error",{version:"8.7"}],"event-based-gateway-target":["error",{version:"8.7"}],"executable-process":["error",{version:"8.7"}],"loop-characteristics":["error",{version:"8.7"}],"message-reference":["error",{version:"8.7"}],"io-mapping":["error",{version:"8.7"}],"no-business-id":["error",{version:"8.7"}],"no-cancel-execution-listener":["error",{version:"8.7"}],"no-execution-listener-headers":["error",{version:"8.7"}],"no-expression":["error",{version:"8.7"}],"no-job-priority-definition":["error",{version:"8.7"}],"no-loop":["error",{version:"8.7"}],"no-multiple-none-start-events":["error",{version:"8.7"}],"no-task-listeners":["error",{version:"8.7"}],"sequence-flow-condition":["error",{version:"8.7"}],"start-event-form":["error",{version:"8.7"}],subscription:["error",{version:"8.7"}],timer:["error",{version:"8.7"}],"user-task-definition":["warn",{version:"8.7"}],"user-task-form":["error",{version:"8.7"}],"variable-name":["error",{version:"8.7"}],feel:["error",{version:"8.7"}],"feel-compatibility":["error",{version:"8.7"}],"bpmnlint/start-event-required":["error",{version:"8.7"}],"connector-properties":["warn",{version:"8.7"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.7"}],"escalation-reference":["error",{version:"8.7"}],"link-event":["error",{version:"8.7"}],"task-schedule":["error",{version:"8.7"}],secrets:["warn",{version:"8.7"}],"signal-reference":["error",{version:"8.7"}],"wait-for-completion":["error",{version:"8.7"}],"duplicate-execution-listeners":["error",{version:"8.7"}],"execution-listener":["error",{version:"8.7"}],"no-before-all-execution-listener":["error",{version:"8.7"}],"priority-definition":["error",{version:"8.7"}],"version-tag":["error",{version:"8.7"}],"zeebe-user-task":["warn",{version:"8.7"}],"ad-hoc-sub-process":["error",{version:"8.7"}],"no-interrupting-event-subprocess":["error",{version:"8.7"}]}},"camunda-cloud-8-8":{rules:{implementation:["error",{version:"8.8"}],"called-element":["error",{version:"8.8"}],"duplicate-task-headers":["error",{version:"8.8"}],"element-type":["error",{version:"8.8"}],"error-reference":["error",{version:"8.8"}],"event-based-gateway-target":["error",{version:"8.8"}],"executable-process":["error",{version:"8.8"}],"loop-characteristics":["error",{version:"8.8"}],"message-reference":["error",{version:"8.8"}],"io-mapping":["error",{version:"8.8"}],"no-business-id":["error",{version:"8.8"}],"no-cancel-execution-listener":["error",{version:"8.8"}],"no-execution-listener-headers":["error",{version:"8.8"}],"no-expression":["error",{version:"8.8"}],"no-job-priority-definition":["error",{version:"8.8"}],"no-loop":["error",{version:"8.8"}],"no-multiple-none-start-events":["error",{version:"8.8"}],"sequence-flow-condition":["error",{version:"8.8"}],"start-event-form":["error",{version:"8.8"}],subscription:["error",{version:"8.8"}],timer:["error",{version:"8.8"}],"user-task-definition":["warn",{version:"8.8"}],"user-task-form":["error",{version:"8.8"}],"variable-name":["error",{version:"8.8"}],feel:["error",{version:"8.8"}],"feel-compatibility":["error",{version:"8.8"}],"bpmnlint/start-event-required":["error",{version:"8.8"}],"connector-properties":["warn",{version:"8.8"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.8"}],"escalation-reference":["error",{version:"8.8"}],"link-event":["error",{version:"8.8"}],"task-schedule":["error",{version:"8.8"}],secrets:["warn",{version:"8.8"}],"signal-reference":["error",{version:"8.8"}],"wait-for-completion":["error",{version:"8.8"}],"duplicate-execution-listeners":["error",{version:"8.8"}],"execution-listener":["error",{version:"8.8"}],"no-before-all-execution-listener":["error",{version:"8.8"}],"priority-definition":["error",{version:"8.8"}],"version-tag":["error",{version:"8.8"}],"zeebe-user-task":["warn",{version:"8.8"}],"ad-hoc-sub-process":["error",{version:"8.8"}],"no-interrupting-event-subprocess":["error",{version:"8.8"}],"agent-tool-documentation":["warn",{version:"8.8"}],"agent-tool-output-key":["warn",{version:"8.8"}],"agent-fromai-contract":["error",{version:"8.8"}],"task-listener":["error",{version:"8.8"}]}},"camunda-cloud-8-9":{rules:{implementation:["error",{version:"8.9"}],"called-element":["error",{version:"8.9"}],"duplicate-task-headers":["error",{version:"8.9"}],"element-type":["error",{version:"8.9"}],"error-reference":["error",{version:"8.9"}],"event-based-gateway-target":["error",{version:"8.9"}],"executable-process":["error",{version:"8.9"}],"loop-characteristics":["error",{version:"8.9"}],"message-reference":["error",{version:"8.9"}],"io-mapping":["error",{version:"8.9"}],"no-business-id":["error",{version:"8.9"}],"no-cancel-execution-listener":["error",{version:"8.9"}],"no-execution-listener-headers":["error",{version:"8.9"}],"no-expression":["error",{version:"8.9"}],"no-job-priority-definition":["error",{version:"8.9"}],"no-loop":["error",{version:"8.9"}],"no-multiple-none-start-events":["error",{version:"8.9"}],"sequence-flow-condition":["error",{version:"8.9"}],"start-event-form":["error",{version:"8.9"}],subscription:["error",{version:"8.9"}],timer:["error",{version:"8.9"}],"user-task-definition":["warn",{version:"8.9"}],"user-task-form":["error",{version:"8.9"}],"variable-name":["error",{version:"8.9"}],feel:["error",{version:"8.9"}],"feel-compatibility":["error",{version:"8.9"}],"bpmnlint/start-event-required":["error",{version:"8.9"}],"connector-properties":["warn",{version:"8.9"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.9"}],"escalation-reference":["error",{version:"8.9"}],"link-event":["error",{version:"8.9"}],"task-schedule":["error",{version:"8.9"}],secrets:["warn",{version:"8.9"}],"signal-reference":["error",{version:"8.9"}],"wait-for-completion":["error",{version:"8.9"}],"duplicate-execution-listeners":["error",{version:"8.9"}],"execution-listener":["error",{version:"8.9"}],"no-before-all-execution-listener":["error",{version:"8.9"}],"priority-definition":["error",{version:"8.9"}],"version-tag":["error",{version:"8.9"}],"zeebe-user-task":["warn",{version:"8.9"}],"ad-hoc-sub-process":["error",{version:"8.9"}],"no-interrupting-event-subprocess":["error",{version:"8.9"}],"agent-tool-documentation":["warn",{version:"8.9"}],"agent-tool-output-key":["warn",{version:"8.9"}],"agent-fromai-contract":["error",{version:"8.9"}],"task-listener":["error",{version:"8.9"}],"start-event-form-embedded":["warn",{version:"8.9"}]}},"camunda-cloud-8-10":{rules:{implementation:["error",{version:"8.10"}],"called-element":["error",{version:"8.10"}],"duplicate-task-headers":["error",{version:"8.10"}],"element-type":["error",{version:"8.10"}],"error-reference":["error",{version:"8.10"}],"event-based-gateway-target":["error",{version:"8.10"}],"executable-process":["error",{version:"8.10"}],"loop-characteristics":["error",{version:"8.10"}],"message-reference":["error",{version:"8.10"}],"io-mapping":["error",{version:"8.10"}],"no-expression":["error",{version:"8.10"}],"no-loop":["error",{version:"8.10"}],"no-multiple-none-start-events":["error",{version:"8.10"}],"sequence-flow-condition":["error",{version:"8.10"}],"start-event-form":["error",{version:"8.10"}],subscription:["error",{version:"8.10"}],timer:["error",{version:"8.10"}],"user-task-definition":["warn",{version:"8.10"}],"user-task-form":["error",{version:"8.10"}],"variable-name":["error",{version:"8.10"}],feel:["error",{version:"8.10"}],"feel-compatibility":["error",{version:"8.10"}],"bpmnlint/start-event-required":["error",{version:"8.10"}],"connector-properties":["warn",{version:"8.10"}],"escalation-boundary-event-attached-to-ref":["error",{version:"8.10"}],"escalation-reference":["error",{version:"8.10"}],"link-event":["error",{version:"8.10"}],"task-schedule":["error",{version:"8.10"}],secrets:["warn",{version:"8.10"}],"signal-reference":["error",{version:"8.10"}],"wait-for-completion":["error",{version:"8.10"}],"duplicate-execution-listeners":["error",{version:"8.10"}],"execution-listener":["error",{version:"8.10"}],"priority-definition":["error",{version:"8.10"}],"version-tag":["error",{version:"8.10"}],"zeebe-user-task":["warn",{version:"8.10"}],"ad-hoc-sub-process":["error",{version:"8.10"}],"no-interrupting-event-subprocess":["error",{version:"8.10"}],"agent-tool-documentation":["warn",{version:"8.10"}],"agent-tool-output-key":["warn",{version:"8.10"}],"agent-fromai-contract":["error",{version:"8.10"}],"task-listener":["error",{version:"8.10"}],"start-event-form-embedded":["warn",{version:"8.10"}],"before-all-execution-listener":["error",{version:"8.10"}],"cancel-execution-listener":["error",{version:"8.10"}],"duplicate-execution-listener-headers":["error",{version:"8.10"}],"unresolvable-secret-reference":["error",{version:"8.10"}]}}},_c={"rule:bpmnlint-plugin-camunda-compat/ad-hoc-sub-process":Ea.default,"rule:bpmnlint-plugin-camunda-compat/agent-fromai-contract":ha.default,"rule:bpmnlint-plugin-camunda-compat/agent-tool-documentation":va.default,"rule:bpmnlint-plugin-camunda-compat/agent-tool-output-key":ba.default,"rule:bpmnlint-plugin-camunda-compat/before-all-execution-listener":ya.default,"rule:bpmnlint/start-event-required":qa.default,"rule:bpmnlint-plugin-camunda-compat/called-element":xa.default,"rule:bpmnlint-plugin-camunda-compat/cancel-execution-listener":Ta.default,"rule:bpmnlint-plugin-camunda-compat/collapsed-subprocess":Ra.default,"rule:bpmnlint-plugin-camunda-compat/connector-properties":wa.default,"rule:bpmnlint-plugin-camunda-compat/duplicate-execution-listener-headers":Na.default,"rule:bpmnlint-plugin-camunda-compat/duplicate-execution-listeners":Pa.default,"rule:bpmnlint-plugin-camunda-compat/duplicate-task-headers":_a.default,"rule:bpmnlint-plugin-camunda-compat/element-type":ka.default,"rule:bpmnlint-plugin-camunda-compat/error-reference":Aa.default,"rule:bpmnlint-plugin-camunda-compat/escalation-boundary-event-attached-to-ref":Ca.default,"rule:bpmnlint-plugin-camunda-compat/escalation-reference":Ia.default,"rule:bpmnlint-plugin-camunda-compat/event-based-gateway-target":Oa.default,"rule:bpmnlint-plugin-camunda-compat/executable-process":La.default,"rule:bpmnlint-plugin-camunda-compat/execution-listener":Da.default,"rule:bpmnlint-plugin-camunda-compat/feel":Sa.default,"rule:bpmnlint-plugin-camunda-compat/feel-compatibility":Fa.default,"rule:bpmnlint-plugin-camunda-compat/implementation":$a.default,"rule:bpmnlint-plugin-camunda-compat/inclusive-gateway":Va.default,"rule:bpmnlint-plugin-camunda-compat/io-mapping":za.default,"rule:bpmnlint-plugin-camunda-compat/link-event":Ma.default,"rule:bpmnlint-plugin-camunda-compat/loop-characteristics":Ua.default,"rule:bpmnlint-plugin-camunda-compat/message-reference":Ya.default,"rule:bpmnlint-plugin-camunda-compat/no-before-all-execution-listener":Ga.default,"rule:bpmnlint-plugin-camunda-compat/no-binding-type":Wa.default,"rule:bpmnlint-plugin-camunda-compat/no-business-id":ja.default,"rule:bpmnlint-plugin-camunda-compat/no-cancel-execution-listener":Ba.default,"rule:bpmnlint-plugin-camunda-compat/no-candidate-users":Ka.default,"rule:bpmnlint-plugin-camunda-compat/no-execution-listener-headers":Ha.default,"rule:bpmnlint-plugin-camunda-compat/no-execution-listeners":Xa.default,"rule:bpmnlint-plugin-camunda-compat/no-expression":Qa.default,"rule:bpmnlint-plugin-camunda-compat/no-interrupting-event-subprocess":Ja.default,"rule:bpmnlint-plugin-camunda-compat/no-job-priority-definition":Za.default,"rule:bpmnlint-plugin-camunda-compat/no-loop":ec.default,"rule:bpmnlint-plugin-camunda-compat/no-multiple-none-start-events":nc.default,"rule:bpmnlint-plugin-camunda-compat/no-priority-definition":tc.default,"rule:bpmnlint-plugin-camunda-compat/no-propagate-all-parent-variables":rc.default,"rule:bpmnlint-plugin-camunda-compat/no-signal-event-sub-process":oc.default,"rule:bpmnlint-plugin-camunda-compat/no-task-listeners":sc.default,"rule:bpmnlint-plugin-camunda-compat/no-task-schedule":ic.default,"rule:bpmnlint-plugin-camunda-compat/no-template":ac.default,"rule:bpmnlint-plugin-camunda-compat/no-version-tag":cc.default,"rule:bpmnlint-plugin-camunda-compat/no-zeebe-properties":uc.default,"rule:bpmnlint-plugin-camunda-compat/no-zeebe-user-task":lc.default,"rule:bpmnlint-plugin-camunda-compat/priority-definition":pc.default,"rule:bpmnlint-plugin-camunda-compat/secrets":mc.default,"rule:bpmnlint-plugin-camunda-compat/sequence-flow-condition":fc.default,"rule:bpmnlint-plugin-camunda-compat/signal-reference":gc.default,"rule:bpmnlint-plugin-camunda-compat/start-event-form":dc.default,"rule:bpmnlint-plugin-camunda-compat/start-event-form-embedded":Ec.default,"rule:bpmnlint-plugin-camunda-compat/subscription":hc.default,"rule:bpmnlint-plugin-camunda-compat/task-listener":vc.default,"rule:bpmnlint-plugin-camunda-compat/task-schedule":bc.default,"rule:bpmnlint-plugin-camunda-compat/timer":yc.default,"rule:bpmnlint-plugin-camunda-compat/unresolvable-secret-reference":qc.default,"rule:bpmnlint-plugin-camunda-compat/user-task-definition":xc.default,"rule:bpmnlint-plugin-camunda-compat/user-task-form":Tc.default,"rule:bpmnlint-plugin-camunda-compat/variable-name":Rc.default,"rule:bpmnlint-plugin-camunda-compat/version-tag":wc.default,"rule:bpmnlint-plugin-camunda-compat/wait-for-completion":Nc.default,"rule:bpmnlint-plugin-camunda-compat/zeebe-user-task":Pc.default,"config:bpmnlint-plugin-camunda-compat/camunda-cloud-1-0":C["camunda-cloud-1-0"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-1-1":C["camunda-cloud-1-1"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-1-2":C["camunda-cloud-1-2"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-1-3":C["camunda-cloud-1-3"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-0":C["camunda-cloud-8-0"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-1":C["camunda-cloud-8-1"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-2":C["camunda-cloud-8-2"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-3":C["camunda-cloud-8-3"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-4":C["camunda-cloud-8-4"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-5":C["camunda-cloud-8-5"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-6":C["camunda-cloud-8-6"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-7":C["camunda-cloud-8-7"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-8":C["camunda-cloud-8-8"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-9":C["camunda-cloud-8-9"],"config:bpmnlint-plugin-camunda-compat/camunda-cloud-8-10":C["camunda-cloud-8-10"]},kc=["camunda-cloud-1-0","camunda-cloud-1-1","camunda-cloud-1-2","camunda-cloud-1-3","camunda-cloud-8-0","camunda-cloud-8-1","camunda-cloud-8-2","camunda-cloud-8-3","camunda-cloud-8-4","camunda-cloud-8-5","camunda-cloud-8-6","camunda-cloud-8-7","camunda-cloud-8-8","camunda-cloud-8-9","camunda-cloud-8-10"],Ac="camunda-cloud-8-8";function Ch(n){let e=n&&n.$attrs||{},t=Object.entries(e).find(([o])=>o.endsWith(":executionPlatform")),r=Object.entries(e).find(([o])=>o.endsWith(":executionPlatformVersion"));if(r&&!(t&&/platform/i.test(t[1]))){let[o,s]=String(r[1]).split("."),i=`camunda-cloud-${o}-${s}`;if(kc.includes(i))return i}return Ac}async function Oc(n){let e=Ch(n),r=await new Cc.Linter({config:{extends:`plugin:camunda-compat/${e}`},resolver:new Ic.default(_c)}).lint(n),o=[];for(let[s,i]of Object.entries(r))for(let a of i)o.push({rule:s,id:a.id,message:a.message,category:a.category});return o.sort((s,i)=>s.category===i.category?0:s.category==="error"?-1:1),{configName:e,findings:o}}async function xb(n){let e=await Kn(n.dataset.contentUrl),{viewer:t}=await Xn(ke(n,"canvas"),e);Hn(n),Qn(t,ke(n,"toolbar")),n.dataset.drawn="true",await Ih(t,ke(n,"lint"))}async function Ih(n,e){if(!e)return;let{configName:t,findings:r}=await Oc(n.getDefinitions()),o=n.get("canvas"),s=n.get("overlays"),i=n.get("elementRegistry"),a=z("h2",{text:`Lint (${t})`});if(e.replaceChildren(a),r.length===0){e.append(z("p",{class:"muted","data-lint-clean":"true",text:"No findings."}));return}let c=z("ul",{class:"findings","data-lint-findings":String(r.length)}),l=new Map;for(let u of r){let p=z("li",{class:`finding is-${u.category}`,"data-element-id":u.id||"","data-rule":u.rule},z("span",{class:"badge",text:u.category})," ",z("code",{text:u.id||"(diagram)"})," ",z("span",{text:u.message})," ",z("span",{class:"muted",text:`(${u.rule})`}));c.append(p),u.id&&i.get(u.id)&&(o.addMarker(u.id,`lint-${u.category}`),l.set(u.id,(l.get(u.id)||0)+1),p.addEventListener("click",()=>{o.scrollToElement(i.get(u.id))}))}for(let[u,p]of l){let v=z("span",{class:"lint-badge",title:`${p} lint finding(s)`,text:String(p)});s.add(u,"lint",{position:{top:-10,right:10},html:v})}e.append(c)}export{xb as render};
